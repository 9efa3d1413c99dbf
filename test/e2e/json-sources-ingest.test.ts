// `tarn ingest` over Route 53 Resolver, WAF and EKS audit logs as AWS delivers them (gzipped JSON lines
// under AWSLogs/ paths), then each table read back through the query engine: the rows are the golden
// rows, placed by account and region, and valid OCSF 1.1.0 once engine timestamps are RFC 3339 again.

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { openQueryEngine, type QueryEngine } from '../../src/query/index.ts';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { toOcsfEvent, validateOcsf } from '../helpers/ocsf-validator.ts';
import { validationErrors } from '../mapping/golden-cases.ts';
import { resultObjects } from './engine-rows.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden');
type Row = Record<string, unknown>;

/** The golden cases of a source, inputs and expected rows, in case-name order. */
function golden(source: string): { inputs: Row[]; expected: Row[] } {
  const names = readdirSync(join(GOLDEN, source)).sort();
  const load = (name: string, file: string) =>
    JSON.parse(readFileSync(join(GOLDEN, source, name, file), 'utf8')) as Row;
  return { inputs: names.map((n) => load(n, 'input.json')), expected: names.map((n) => load(n, 'expected.json')) };
}

const ROUTE53 = golden('route53');
const WAF = golden('waf');
const EKS = golden('eks');
const lines = (values: readonly unknown[]) => `${values.map((value) => JSON.stringify(value)).join('\n')}\n`;

let root: string;
let engine: QueryEngine;
let summary: { rows: Record<string, number>; rejected: { file: string; record: number | null; reason: string }[] };

before(async () => {
  root = tempDir('tarn-e2e-json-sources-');
  const logs = join(root, 'AWSLogs/111122223333');
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(logs, path)), { recursive: true });
    writeFileSync(join(logs, path), gzipSync(text));
  };
  put('vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2024/03/10/resolver.log.gz', lines(ROUTE53.inputs));
  // A line cut short in transit is rejected on its own; the rest of the file lands.
  put('WAFLogs/us-east-1/shop-web-acl/2024/03/10/12/00/waf.log.gz', `${lines(WAF.inputs)}{"timestamp": 17100`);
  // Audit events name no account or region: they come from this path.
  const [first, ...rest] = EKS.inputs;
  put('EKS/us-east-1/prod/2024/03/10/audit-1.json.gz', lines(rest));
  put('EKS/us-east-1/prod/2024/03/10/audit-0.json.gz', lines([{ timestamp: 0, message: JSON.stringify(first) }]));

  const lakeDir = join(root, 'lake');
  const summaryFile = join(root, 'summary.json');
  const run = await runTarn([
    'ingest',
    '--lake',
    lakeDir,
    '--rollup-region',
    'us-east-1',
    '--summary-json',
    summaryFile,
    join(root, 'AWSLogs'),
  ]);
  assert.equal(run.code, 0, run.stderr);
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  engine = await openQueryEngine({ lakeDir });
});

after(async () => {
  await engine?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function tableRows(source: string): Promise<Row[]> {
  const result = await engine.run(`SELECT * FROM amazon_security_lake_table_us_east_1_${source}_2_0 ORDER BY time`);
  return resultObjects(result);
}

const byTime = (rows: readonly Row[]) => [...rows].sort((a, b) => Number(a.time) - Number(b.time));

test('every record lands in its table; only the cut line is rejected', () => {
  assert.deepEqual(summary.rows, { route53: 4, waf: 2, eks_audit: 6 });
  assert.deepEqual(
    summary.rejected.map((reject) => [reject.file.slice(root.length), reject.record, reject.reason.split(':')[0]]),
    [['/AWSLogs/111122223333/WAFLogs/us-east-1/shop-web-acl/2024/03/10/12/00/waf.log.gz', 3, 'malformed JSON']],
  );
});

for (const [source, cases] of [
  ['route53', ROUTE53],
  ['waf', WAF],
  ['eks_audit', EKS],
] as const) {
  test(`the ${source} table reads back the golden rows, partitioned by account and region`, async () => {
    const rows = await tableRows(source);
    const expected = byTime(cases.expected);
    assert.deepEqual(rows.map(toOcsfEvent), expected.map(toOcsfEvent));
    assert.deepEqual(
      rows.map((row) => [row.accountid, row.region]),
      expected.map((row) => [row.accountid, row.region]),
    );
  });
}

test('Athena queries on the new tables answer from the mapped columns', async () => {
  const blocked = await engine.run(
    `SELECT query.hostname, rcode, firewall_rule.uid FROM amazon_security_lake_table_us_east_1_route53_2_0
     WHERE action = 'Denied'`,
  );
  assert.deepEqual(blocked.rows, [['pool.minexmr.com.', 'NXDomain', 'rslvr-frg-6d1f8a3b2c4e5f60']]);
  const waf = await engine.run(
    `SELECT http_request.url.hostname, firewall_rule.rate_limit, cardinality(metadata.labels)
     FROM amazon_security_lake_table_us_east_1_waf_2_0 WHERE disposition = 'Blocked'`,
  );
  assert.deepEqual(waf.rows, [['shop.example.com', 100, 2]]);
  const forbidden = await engine.run(
    `SELECT actor.user.name, api.response.code, resources[1].type FROM amazon_security_lake_table_us_east_1_eks_audit_2_0
     WHERE api.response.error = 'Forbidden'`,
  );
  assert.deepEqual(forbidden.rows, [['dev-readonly', 403, 'pods/exec']]);
});

test('rows read back are valid OCSF 1.1.0 (WAF: but for the two attributes its table has no column for)', async () => {
  const route53 = await tableRows('route53');
  const eks = await tableRows('eks_audit');
  assert.deepEqual(validateOcsf([...route53, ...eks].map(toOcsfEvent)), []);
  const waf = await tableRows('waf');
  assert.deepEqual(
    validationErrors(waf.map(toOcsfEvent)),
    waf.flatMap((_, index) => [
      [index, 'missing_required', 'dst_endpoint'],
      [index, 'missing_required', 'http_response'],
    ]),
  );
});
