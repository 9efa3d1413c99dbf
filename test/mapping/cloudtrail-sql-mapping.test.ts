// The SQL mapping probe maps every CloudTrail golden input and every record of the shared real-world
// CloudTrail datasets exactly as the JavaScript mapping does, for each column it claims (SQL_MAPPED_COLUMNS).

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mapCloudTrailEvent } from '../../src/mapping/cloudtrail/cloudtrail-mapping.ts';
import { compareSqlMapping } from '../../src/mapping/cloudtrail/cloudtrail-sql-comparison.ts';
import { mapCloudTrailInSql, SQL_MAPPED_COLUMNS } from '../../src/mapping/cloudtrail/cloudtrail-sql-mapping.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const DATASETS = join(SHARED, 'datasets');
const GOLDEN = resolve(import.meta.dirname, '../golden/cloudtrail');
const OTRF = join(DATASETS, 'OTRF_Security-Datasets/atomic/aws/collection');
const INVICTUS = join(DATASETS, 'invictus-ir_aws_dataset/CloudTrail');

function jsonLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** Variations of one record on the reads the SQL does differently from JavaScript (text, flags, times, IPs). */
function edgeCases(): unknown[] {
  const golden = readFileSync(join(GOLDEN, 'assumed-role-api-call', 'input.json'), 'utf8');
  const variants: Record<string, unknown>[] = [
    { userAgent: 'aws-cli/2 "quoted" \\ back\u00e9', eventVersion: 1.08, requestID: 12345 },
    { eventTime: '2024-02-29 23:59:59.123456789+05:30', sourceIPAddress: '2001:db8::1' },
    { eventTime: '2024-02-30T00:00:00Z' },
    { eventTime: '2024-03-01T10:00:00.5-0130', sourceIPAddress: '10.0.0.256' },
    { eventCategory: null, managementEvent: 'false', eventSource: 's3.amazonaws.com' },
    { eventCategory: 7 },
    { userIdentity: { type: 'AssumedRole', sessionContext: { attributes: { mfaAuthenticated: 'true' } } } },
    { requestParameters: { list: [1, 2.5, true, null], nested: { 'k"ey': 'v\n' } }, responseElements: 'text' },
    { awsRegion: '' },
    { eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' }, errorCode: 'AccessDenied' },
  ];
  return variants.map((variant) => ({ ...(JSON.parse(golden) as Record<string, unknown>), ...variant }));
}

const RECORDS: Readonly<Record<string, () => unknown[]>> = {
  'edge-case': edgeCases,
  golden: () =>
    readdirSync(GOLDEN)
      .sort()
      .map((name) => JSON.parse(readFileSync(join(GOLDEN, name, 'input.json'), 'utf8')) as unknown),
  invictus: () =>
    readdirSync(INVICTUS)
      .sort()
      .flatMap((file) => (JSON.parse(readFileSync(join(INVICTUS, file), 'utf8')) as { Records: unknown[] }).Records),
  otrf: () =>
    readdirSync(OTRF)
      .sort()
      .flatMap((file) => jsonLines(join(OTRF, file))),
  panther: () => jsonLines(join(DATASETS, 'panther-analysis/panther_tests_cloudtrail.jsonl')),
};

const scratch = mkdtempSync(join(tmpdir(), 'tarn-sql-mapping-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

for (const [name, read] of Object.entries(RECORDS)) {
  test(`SQL mapping equals the JavaScript mapping on the ${name} CloudTrail records, column by column`, async () => {
    const records = read() as Record<string, unknown>[];
    const file = join(scratch, `${name}.jsonl`);
    writeFileSync(file, records.map((r, k) => JSON.stringify({ k, r })).join('\n'));
    const connection = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    await connection.run(
      `CREATE TEMP VIEW raw_in AS SELECT CAST(json->>'k' AS BIGINT) AS k, json->'r' AS r FROM read_ndjson_objects('${file}')`,
    );
    await mapCloudTrailInSql(connection, 'raw_in', 'sql_rows');
    const tallies = await compareSqlMapping(
      connection,
      'sql_rows',
      new Map(records.map((record, k) => [k, mapCloudTrailEvent(record)])),
    );
    const mapped = records.filter((record) => mapCloudTrailEvent(record).ok).length;
    assert.ok(mapped > 0);
    for (const column of SQL_MAPPED_COLUMNS) {
      const tally = tallies[column];
      assert.deepEqual(
        { column, differing: tally?.differing, example: tally?.example },
        { column, differing: 0, example: undefined },
      );
      assert.equal(tally?.equal, column === 'source' ? records.length : mapped, column);
    }
    connection.closeSync();
  });
}
