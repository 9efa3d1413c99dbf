// Golden cases: one raw CloudTrail record each, with the outcome written by hand from the Security Lake 2.0
// mapping reference. Every produced row must also be a valid OCSF 1.1.0 event and hold only table columns.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mapCloudTrailEvent } from '../../src/mapping/cloudtrail/cloudtrail-mapping.ts';
import type { MapOutcome } from '../../src/mapping/ocsf-row.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';
import { undeclaredFields } from './cloudtrail-row-columns.ts';

const GOLDEN = join(import.meta.dirname, '../golden/cloudtrail');
const CASES = readdirSync(GOLDEN).sort();

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(join(GOLDEN, ...parts), 'utf8'));
}

const outcomes = new Map<string, MapOutcome>();
for (const name of CASES) {
  outcomes.set(name, mapCloudTrailEvent(readJson(name, 'input.json') as Record<string, unknown>));
}

test('the golden set covers the required cases', () => {
  assert.ok(CASES.length >= 15, `only ${CASES.length} golden cases`);
});

for (const name of CASES) {
  test(`golden: ${name}`, () => {
    // A JSON round trip gives the row exactly the value types a Parquet writer would see.
    const actual = JSON.parse(JSON.stringify(outcomes.get(name)));
    assert.deepStrictEqual(actual, readJson(name, 'expected.json'));
  });
}

test('golden rows hold only their table columns', () => {
  for (const [name, outcome] of outcomes) {
    if (outcome.ok) assert.deepStrictEqual(undeclaredFields(outcome.row, TABLE_SCHEMAS[outcome.source]), [], name);
  }
});

test('golden rows are valid OCSF 1.1.0', () => {
  const rows = [...outcomes.values()].flatMap((outcome) =>
    outcome.ok ? [outcome.row as Record<string, unknown>] : [],
  );
  assert.ok(rows.length > 0);
  assert.deepStrictEqual(validateOcsf(rows), []);
});
