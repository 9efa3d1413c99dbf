import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { attachSecurityLake } from '../../src/lake/security-lake-attach.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { tarn } from '../helpers/run-cli.ts';
import { writeIcebergSnapshot, writeObject } from '../helpers/security-lake-copy.ts';
import { fileColumns } from '../query/lake-fixture.ts';

const CT = 'amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0';
const VPC = 'amazon_security_lake_table_us_east_1_vpc_flow_2_0';
const US = { region: 'us-east-1', accountId: '111122223333' };
const event = (uid: string, time: string) => ({
  metadata: { uid },
  time: Date.parse(`${time}Z`),
  time_dt: time.replace('T', ' '),
  class_uid: 3005,
});

let dir: string;
let copy: string;
let lake: string;
let replaced: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarn-attach-'));
  copy = join(dir, 'aws-security-data-lake-us-east-1-copy');
  lake = join(dir, 'lake');
  // CloudTrail as an Iceberg table: two small objects, then compaction wrote one object with their three rows
  // and a new snapshot that deletes the two; a later day's object is carried over as existing.
  const day10 = { ...US, eventDay: '20240310' };
  const small1 = await writeObject(copy, 'cloud_trail_mgmt', day10, [
    event('e1', '2024-03-10T01:00:00'),
    event('e2', '2024-03-10T02:00:00'),
  ]);
  const small2 = await writeObject(copy, 'cloud_trail_mgmt', day10, [event('e3', '2024-03-10T03:00:00')]);
  const day11 = await writeObject(copy, 'cloud_trail_mgmt', { ...US, eventDay: '20240311' }, [
    event('e4', '2024-03-11T01:00:00'),
  ]);
  await writeIcebergSnapshot(copy, 'cloud_trail_mgmt', {
    id: 1,
    sequence: 1,
    updatedMs: 1_710_000_000_000,
    entries: [
      [small1, 'added'],
      [small2, 'added'],
      [day11, 'added'],
    ],
  });
  const compacted = await writeObject(copy, 'cloud_trail_mgmt', day10, [
    event('e1', '2024-03-10T01:00:00'),
    event('e2', '2024-03-10T02:00:00'),
    event('e3', '2024-03-10T03:00:00'),
  ]);
  await writeIcebergSnapshot(copy, 'cloud_trail_mgmt', {
    id: 2,
    sequence: 2,
    updatedMs: 1_710_100_000_000,
    entries: [
      [small1, 'deleted'],
      [small2, 'deleted'],
      [compacted, 'added'],
      [day11, 'existing'],
    ],
  });
  replaced = join(copy, small1);
  // VPC flow without Iceberg metadata: every object under the prefix, in two regions.
  await writeObject(copy, 'vpc_flow', { ...US, eventDay: '20240310' }, [{ time: 1, class_uid: 4001 }]);
  await writeObject(copy, 'vpc_flow', { region: 'eu-west-1', accountId: '444455556666', eventDay: '20240310' }, [
    { time: 2, class_uid: 4001 },
  ]);
  // Route 53 objects with a column of another type than Glue's (attached, cast), and WAF objects lacking
  // Glue columns (reported, not attached).
  const textTime = fileColumns('route53').replace("'time': 'BIGINT'", "'time': 'VARCHAR'");
  await writeObject(copy, 'route53', { ...US, eventDay: '20240310' }, [{ time: '5' }], textTime);
  await writeObject(copy, 'waf', { ...US, eventDay: '20240310' }, [{ time: 5 }], "{'time': 'BIGINT'}");
});

after(() => rm(dir, { recursive: true, force: true }));

test('attach reads the Iceberg snapshot’s files, lists the rest, and reports schema differences per table', async () => {
  const report = await attachSecurityLake(lake, copy);
  const bySource = Object.fromEntries(report.tables.map((t) => [t.source, t]));
  assert.deepEqual(Object.keys(bySource), ['cloud_trail_mgmt', 'route53', 'vpc_flow', 'waf']);
  assert.deepEqual(
    [bySource.cloud_trail_mgmt?.files, bySource.cloud_trail_mgmt?.notInSnapshot, bySource.cloud_trail_mgmt?.iceberg],
    [2, 2, { snapshotId: 2, deleteFiles: 0 }],
  );
  assert.deepEqual([bySource.vpc_flow?.files, bySource.vpc_flow?.iceberg], [2, null]);
  assert.deepEqual(bySource.cloud_trail_mgmt?.schemaMismatches, []);
  assert.deepEqual(bySource.route53?.schemaMismatches, ['column time is VARCHAR, Glue: BIGINT']);
  assert.equal(bySource.route53?.files, 1);
  const waf = bySource.waf?.schemaMismatches ?? [];
  assert.ok(
    waf.some((line) => line.startsWith('missing column metadata ')),
    waf.join('\n'),
  );
  assert.deepEqual([bySource.waf?.files, bySource.waf?.problems], [0, ['not attached: its objects lack Glue columns']]);

  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    const uids = await engine.run(`SELECT metadata.uid, count(*) FROM ${CT} GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(uids.rows, [
      ['e1', 1],
      ['e2', 1],
      ['e3', 1],
      ['e4', 1],
    ]);
    // us-east-1 is the rollup region (the first attached), so its table spans eu-west-1's objects too.
    const vpc = await engine.run(`SELECT region, accountid FROM ${VPC} ORDER BY 1`);
    assert.deepEqual(vpc.rows, [
      ['eu-west-1', '444455556666'],
      ['us-east-1', '111122223333'],
    ]);
    assert.deepEqual((await engine.run('SELECT time FROM amazon_security_lake_table_us_east_1_route53_2_0')).rows, [
      [5],
    ]);
    const euOnly = await engine.run(
      'SELECT count(*) FROM amazon_security_lake_glue_db_eu_west_1.amazon_security_lake_table_eu_west_1_vpc_flow_2_0',
    );
    assert.deepEqual(euOnly.rows, [[1]]);
    // The replaced object is in the copy but not in the snapshot: a query cannot open it.
    await assert.rejects(engine.run(`SELECT count(*) FROM read_parquet('${replaced}')`));
  } finally {
    await engine.close();
  }
});

test('attaching again picks up new objects; the CLI prints the per-table report', async () => {
  await writeObject(copy, 'vpc_flow', { ...US, eventDay: '20240312' }, [{ time: 3, class_uid: 4001 }]);
  const { code, out, err } = await tarn('attach', copy, '--lake', lake);
  const text = out + err;
  assert.equal(code, 1, text);
  assert.match(text, /vpc_flow +\| +3 \| no \(every object\)/);
  assert.match(text, /cloud_trail_mgmt +\| +2 \| snapshot 2 +\| +2 \|/);
  assert.match(text, /route53: column time is VARCHAR, Glue: BIGINT/);
  assert.match(text, /waf: not attached: its objects lack Glue columns/);
  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    assert.deepEqual((await engine.run(`SELECT count(*) FROM ${VPC}`)).rows, [[3]]);
  } finally {
    await engine.close();
  }
});

test('tarn sources lists the attached tables: their files, accounts and regions, rows counted by a query', async () => {
  const json = await tarn('sources', '--lake', lake, '--format', 'json');
  assert.equal(json.code, 0, json.err);
  const report = JSON.parse(json.out) as { rollup_region: string; sources: Record<string, unknown>[] };
  assert.equal(report.rollup_region, 'us-east-1');
  const pick = (source: string) => {
    const { rows, files, attached_files, accounts, regions, first_event, last_event } =
      report.sources.find((s) => s.source === source) ?? {};
    return { rows, files, attached_files, accounts, regions, first_event, last_event };
  };
  assert.deepEqual(pick('cloud_trail_mgmt'), {
    rows: 4,
    files: 2,
    attached_files: 2,
    accounts: ['111122223333'],
    regions: ['us-east-1'],
    first_event: '2024-03-10T01:00:00.000Z',
    last_event: '2024-03-11T01:00:00.000Z',
  });
  assert.deepEqual(
    [pick('vpc_flow').rows, pick('vpc_flow').files, pick('vpc_flow').regions],
    [3, 3, ['eu-west-1', 'us-east-1']],
  );
  assert.deepEqual([pick('waf').rows, pick('waf').attached_files], [0, 0]);
  const table = await tarn('sources', '--lake', lake);
  assert.equal(table.code, 0);
  assert.match(table.out, /^ cloud_trail_mgmt .*\| +2 \| +2$/m);
});
