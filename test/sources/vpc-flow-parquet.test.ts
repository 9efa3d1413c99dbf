// Parquet VPC flow logs (FileFormat=parquet): each golden flow record of test/golden/vpc_flow written as a
// Parquet row (test/helpers/parquet-writer.ts) must read back as the same record and map to exactly that
// case's expected row, as the text format's record does.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { writeFlowParquet } from '../helpers/parquet-writer.ts';
import { readJson } from '../mapping/golden-cases.ts';
import { fixtureFolder, writeFixture } from './fixture-folder.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden/vpc_flow');
const ROW_CASES = readdirSync(GOLDEN).filter((name) => !name.endsWith('-counted'));
for (const name of ROW_CASES) {
  test(`golden vpc_flow/${name} as a Parquet row maps to exactly the expected row`, async () => {
    const input = readJson(join(GOLDEN, name, 'input.json'));
    const file = join(await fixtureFolder(), 'flow.parquet');
    await writeFlowParquet(file, [input]);
    const read = await readLogFile(file);
    assert.equal(read.format, 'vpc-flow-parquet');
    assert.deepEqual(read.rejects, []);
    const record = read.records[0]?.value ?? {};
    assert.deepStrictEqual(record, input);
    const row = readJson(join(GOLDEN, name, 'expected.json'));
    assert.deepStrictEqual(mapRecord('vpcflow', record), { ok: true, source: 'vpc_flow', row });
  });
}

test('a missing value (null) is left out, and the S3 location fills in the region and account', async () => {
  const input = readJson(join(GOLDEN, 'accepted-ingress-v5', 'input.json'));
  const { region: _region, account_id: _account, ...rest } = input;
  const folder = await fixtureFolder();
  const path = 'AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/x.parquet';
  const file = join(folder, path);
  await writeFixture(folder, path, '');
  await writeFlowParquet(file, [{ ...rest, vpc_id: undefined }]);
  const { vpc_id: _vpc, ...expected } = input;
  const read = await readLogFile(file);
  assert.deepStrictEqual(read.records[0]?.value, expected);
});

test('Parquet whose columns are not flow log fields, and --format on the wrong bytes, are rejected', async () => {
  const folder = await fixtureFolder();
  const other = join(folder, 'other.parquet');
  await writeFlowParquet(other, [{ class_uid: '4001', time: '1' }]);
  const read = await readLogFile(other);
  assert.deepEqual(
    read.rejects.map((r) => [r.record, r.reason]),
    [[null, 'not a VPC flow log: Parquet columns class_uid, time are not flow log fields']],
  );
  const asText = await readLogFile(other, { format: 'vpc-flow-text' });
  assert.equal(asText.rejects[0]?.reason, 'a Parquet file cannot be read as vpc-flow-text');
  const text = await writeFixture(folder, 'flow.log', 'version account-id\n2 123456789012\n');
  const forced = await readLogFile(text, { format: 'vpc-flow-parquet' });
  assert.equal(forced.rejects[0]?.reason, 'not a Parquet file: it does not start and end with PAR1');
});
