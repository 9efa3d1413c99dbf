// `tarn ingest` over one zip bundle holding CloudTrail, Route 53 and (in a nested tar.gz) VPC flow logs as
// text and as Parquet, plus a broken member and macOS clutter: each member lands in its table under its
// `bundle.zip!path` name, the broken one is rejected by that name, rows read back are valid OCSF, and the
// bundle ingested again, or one of its members delivered loose, counts as duplicates.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { c as createTar } from 'tar';
import { type IngestProgress, ingest as ingestLibrary } from '../../src/lake/ingest-job.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { toOcsfEvent, validateOcsf } from '../helpers/ocsf-validator.ts';
import { writeFlowParquet } from '../helpers/parquet-writer.ts';
import { zipArchive } from '../helpers/zip-writer.ts';
import { resultObjects } from './engine-rows.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden');
const input = (source: string, name: string) =>
  JSON.parse(readFileSync(join(GOLDEN, source, name, 'input.json'), 'utf8')) as Record<string, unknown>;
const lines = (values: readonly unknown[]) => `${values.map((value) => JSON.stringify(value)).join('\n')}\n`;

const TRAIL = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/10/111122223333_CloudTrail_us-east-1_x.json.gz';
const BROKEN = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/10/111122223333_CloudTrail_us-east-1_y.json';
const FLOWS = 'AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/03/10';
const FLOW_TEXT = [
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
  '2 123456789012 eni-0a1b2c3d4e5f60718 198.51.100.7 10.0.1.25 49152 443 6 12 4812 1710072000 1710072060 ACCEPT OK',
  '2 123456789012 eni-0a1b2c3d4e5f60718 10.0.1.25 203.0.113.9 40122 4444 6 3 180 1710072060 1710072120 REJECT OK',
].join('\n');

/** The same bytes each time: gzip output is deterministic for the same input and level. */
function trailFile(): Buffer {
  const events = ['iam-create-user', 'console-login-success', 'assumed-role-api-call'].map((n) =>
    input('cloudtrail', n),
  );
  return gzipSync(JSON.stringify({ Records: events }));
}

type Summary = {
  rows: Record<string, number>;
  duplicates: number;
  rejected: { file: string; record: number | null; reason: string }[];
};

let root: string;
let bundle: string;
let lakeDir: string;
let first: Summary;

async function ingest(...paths: string[]): Promise<Summary> {
  const summaryFile = join(root, 'summary.json');
  const args = ['ingest', '--lake', lakeDir, '--rollup-region', 'us-east-1', '--summary-json', summaryFile];
  const run = await runTarn([...args, ...paths]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
}

before(async () => {
  root = tempDir('tarn-e2e-archive-');
  lakeDir = join(root, 'lake');
  const queries = ['dns-firewall-block', 'ipv6-aaaa-resolver-endpoint', 'noerror-a-record', 'nxdomain'];
  // The nested tarball: flow logs as text, and as Parquet (read from a scratch file inside the batch).
  const flows = join(root, 'flows');
  mkdirSync(join(flows, FLOWS), { recursive: true });
  writeFileSync(
    join(flows, FLOWS, '123456789012_vpcflowlogs_us-east-1_fl-1_20240310T1200Z_a.log.gz'),
    gzipSync(FLOW_TEXT),
  );
  await writeFlowParquet(join(flows, FLOWS, 'flows.parquet'), [input('vpc_flow', 'accepted-egress-v5')]);
  const tarball = join(root, 'flows.tgz');
  await createTar({ file: tarball, cwd: flows, gzip: true, portable: true }, ['AWSLogs']);
  bundle = join(root, 'incident-bundle.zip');
  const zip = zipArchive([
    { name: 'AWSLogs/' },
    { name: TRAIL, content: trailFile() },
    { name: BROKEN, content: '{"Records": [' },
    {
      name: 'AWSLogs/111122223333/vpcdnsquerylogs/resolver.log',
      content: lines(queries.map((n) => input('route53', n))),
    },
    { name: 'nested/flows.tgz', content: readFileSync(tarball) },
    { name: '__MACOSX/AWSLogs/._x.json', content: 'resource fork' },
  ]);
  writeFileSync(bundle, zip);
  first = await ingest(bundle);
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('each member lands in its table; the broken one is rejected by its name inside the bundle', async () => {
  assert.deepEqual(first.rows, { cloud_trail_mgmt: 3, route53: 4, vpc_flow: 3 });
  assert.deepEqual(
    first.rejected.map(({ file, record, reason }) => [file, record, reason.split(':')[0]]),
    [[`${bundle}!${BROKEN}`, null, 'malformed JSON']],
  );
  const ledger = await readLedger(lakeDir);
  assert.deepEqual((ledger.batches[0]?.inputs ?? []).map((i) => i.path).sort(), [
    `${bundle}!${TRAIL}`,
    `${bundle}!${BROKEN}`,
    `${bundle}!AWSLogs/111122223333/vpcdnsquerylogs/resolver.log`,
    `${bundle}!nested/flows.tgz!${FLOWS}/123456789012_vpcflowlogs_us-east-1_fl-1_20240310T1200Z_a.log.gz`,
    `${bundle}!nested/flows.tgz!${FLOWS}/flows.parquet`,
  ]);
  const deadLetter = readFileSync(join(lakeDir, ledger.batches[0]?.deadLetter ?? ''), 'utf8');
  assert.equal(JSON.parse(deadLetter).file, `${bundle}!${BROKEN}`);
});

test('rows read back from every table are valid OCSF 1.1.0, flow logs placed by their member paths', async () => {
  const engine = await openQueryEngine({ lakeDir });
  try {
    const rows = [];
    for (const source of ['cloud_trail_mgmt', 'route53', 'vpc_flow']) {
      const table = `amazon_security_lake_table_us_east_1_${source}_2_0`;
      rows.push(...resultObjects(await engine.run(`SELECT * FROM ${table}`)));
    }
    assert.equal(rows.length, 10);
    assert.deepEqual(validateOcsf(rows.map(toOcsfEvent)), []);
    const flows = await engine.run(
      'SELECT accountid, region, count(*) FROM amazon_security_lake_table_us_east_1_vpc_flow_2_0 GROUP BY ALL',
    );
    assert.deepEqual(flows.rows, [['123456789012', 'us-east-1', 3]]);
  } finally {
    await engine.close();
  }
});

test('the bundle again, and a member delivered loose, add no rows; the broken member is read again', async () => {
  const again = await ingest(bundle);
  assert.deepEqual(again.rows, {});
  assert.equal(again.duplicates, 10);
  // The broken member landed nothing, so it is read again (and rejected again) rather than counted as known.
  assert.deepEqual(
    again.rejected.map(({ file }) => file),
    [`${bundle}!${BROKEN}`],
  );
  const loose = join(root, 'loose', TRAIL);
  mkdirSync(resolve(loose, '..'), { recursive: true });
  writeFileSync(loose, trailFile());
  const looseRun = await ingest(loose);
  assert.deepEqual([looseRun.rows, looseRun.duplicates], [{}, 3]);
});

test('progress names the member being read inside the bundle', async () => {
  const seen: IngestProgress[] = [];
  await ingestLibrary({ lakeDir: join(root, 'progress-lake'), paths: [bundle], onProgress: (p) => seen.push(p) });
  const last = seen.at(-1);
  assert.deepEqual([last?.filesDone, last?.filesTotal], [1, 1]);
  // The nested tarball is the bundle's last member; its own order follows the folder it was made from.
  const current = last?.current ?? '';
  assert.ok(current.startsWith(`${bundle}!nested/flows.tgz!${FLOWS}/`), current);
});
