// What the property tests of issue 10 throw at the parsers: records made from a good one by deep nesting, huge
// strings, wrong types and odd regions and accounts, and the check that each record read is mapped (into the
// lake's layout) or rejected with a reason.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isAccountId, isRegionName } from '../../src/mapping/partition-names.ts';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import { withPlace } from '../../src/mapping/record-place.ts';
import type { LogFormat } from '../../src/sources/log-file.ts';
import { parseLogFile } from '../../src/sources/log-file-reader.ts';
import { REPO } from './lake-fixtures.ts';

export const golden = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(REPO, 'test/golden', name, 'input.json'), 'utf8'));

export const PARTITION_KEYS = [
  'awsRegion',
  'region',
  'Region',
  'recipientAccountId',
  'account_id',
  'AwsAccountId',
  'account',
];

export const ODD_PARTITIONS = ["us-east-1'; DROP TABLE x; --", '../../../tmp/x', '../x', 'US-EAST-1', ''];

export function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { x: value };
  return value;
}

/** A malformed record made from the good one, as a JSON value (what a document format can hold). */
export function malformedValue(good: Record<string, unknown>): fc.Arbitrary<unknown> {
  const key = fc.constantFrom(...Object.keys(good));
  return fc.oneof(
    fc.tuple(key, fc.integer({ min: 90, max: 3000 })).map(([k, depth]) => ({ ...good, [k]: nested(depth) })),
    fc.tuple(key, fc.integer({ min: 1, max: 2_000_000 })).map(([k, n]) => ({ ...good, [k]: 'x'.repeat(n) })),
    fc.tuple(key, fc.anything()).map(([k, v]) => ({ ...good, [k]: v })),
    fc
      .tuple(fc.constantFrom(...PARTITION_KEYS), fc.oneof(fc.string(), fc.constantFrom(...ODD_PARTITIONS)))
      .map(([k, v]) => ({ ...good, [k]: v })),
    fc.jsonValue(),
  );
}

/** Reads `bytes` as `format` and maps each record, checking that every one is mapped or rejected with a reason. */
export function outcomes(format: LogFormat, bytes: Buffer) {
  const read = parseLogFile('input', bytes, { format });
  for (const reject of read.rejects) assert.ok(reject.reason.length > 0, 'a reject has a reason');
  const mapped = read.records.map((record) => {
    // EKS audit events name no region: it is given, as `tarn ingest --region` gives it.
    const place = read.kind === 'eks_audit' ? { region: 'us-east-1' } : undefined;
    const outcome = read.kind === null ? null : mapRecord(read.kind, withPlace(read.kind, record.value, place));
    assert.ok(outcome !== null, 'each record of a known format is mapped or rejected');
    if (outcome.ok) {
      assert.ok(isRegionName(String(outcome.row.region)), `region ${String(outcome.row.region)}`);
      assert.ok(isAccountId(String(outcome.row.accountid)), `account ${String(outcome.row.accountid)}`);
    } else {
      assert.ok(outcome.reason.length > 0, 'a rejected record has a reason');
    }
    return { record: record.record, outcome };
  });
  return { mapped, rejects: read.rejects };
}
