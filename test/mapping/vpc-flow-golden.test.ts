// Golden cases: each folder under test/golden/vpc_flow holds one flow record as the reader hands it over
// (input.json: underscore field names, values as the text format writes them, `-` fields left out, the
// region of the S3 path filled in when the format has none) and, written by hand from the reference, the
// exact vpc_flow row Security Lake 2.0 would hold for it, or `{"rejected": reason}` for a record that
// becomes no row (with `log_status` for a NODATA or SKIPDATA record, which the lake counts instead).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { mapVpcFlowRecord } from '../../src/mapping/vpcflow/vpc-flow-mapping.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden/vpc_flow');
const CASES = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const COLUMNS = new Set(TABLE_SCHEMAS.vpc_flow.map((column) => column.name));

function readJson(name: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(GOLDEN, name, file), 'utf8')) as Record<string, unknown>;
}

const isRejectCase = (name: string) => typeof readJson(name, 'expected.json').rejected === 'string';
const ROW_CASES = CASES.filter((name) => !isRejectCase(name));

function mapCase(name: string): Record<string, unknown> {
  const outcome = mapVpcFlowRecord(readJson(name, 'input.json'));
  assert.ok(outcome.ok, `${name} was rejected: ${outcome.ok ? '' : outcome.reason}`);
  assert.equal(outcome.source, 'vpc_flow');
  return outcome.row as Record<string, unknown>;
}

test('the golden set holds the required cases', () => {
  assert.deepEqual(CASES, [
    'accepted-egress-v5',
    'accepted-ingress-v5',
    'default-v2-no-direction',
    'ipv6-egress',
    'missing-values-v5',
    'nat-translated-source',
    'nodata-counted',
    'rejected-inbound-ssh',
    'skipdata-counted',
  ]);
  assert.deepEqual(CASES.filter(isRejectCase), ['nodata-counted', 'skipdata-counted']);
});

for (const name of CASES) {
  test(`golden ${name}: the outcome is exactly the expected one`, () => {
    const expected = readJson(name, 'expected.json');
    const outcome = mapVpcFlowRecord(readJson(name, 'input.json'));
    if (typeof expected.rejected === 'string') {
      const counted = expected.log_status === undefined ? {} : { logStatus: expected.log_status };
      assert.deepStrictEqual(outcome, { ok: false, reason: expected.rejected, ...counted });
    } else assert.deepStrictEqual(mapCase(name), expected);
  });
}

test('golden rows use only vpc_flow columns', () => {
  for (const name of ROW_CASES) {
    const extra = Object.keys(mapCase(name)).filter((key) => !COLUMNS.has(key));
    assert.deepEqual(extra, [], name);
  }
});

test('golden rows are valid OCSF 1.1.0', () => {
  assert.deepEqual(validateOcsf(ROW_CASES.map(mapCase)), []);
});

test('a record mapped twice gives the same row: nothing is carried over from the record before', () => {
  const first = mapCase('default-v2-no-direction');
  mapCase('accepted-ingress-v5');
  assert.deepStrictEqual(mapCase('default-v2-no-direction'), first);
});

test('a NODATA record naming a forged region or account is rejected, not counted', () => {
  const nodata = readJson('nodata-counted', 'input.json');
  for (const [key, value, reason] of [
    ['region', '../../tmp/x', 'region "../../tmp/x" is not a region name (lowercase letters, digits and hyphens)'],
    ['account_id', "1'; DROP", `account id "1'; DROP" is not 12 digits`],
  ] as const) {
    assert.deepStrictEqual(mapRecord('vpcflow', { ...nodata, [key]: value }), { ok: false, reason });
  }
});
