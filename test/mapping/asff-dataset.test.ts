// Every Security Hub finding of Panther's rule tests maps to a valid row or is rejected with a reason.
// They are custom-product (DecoyDetector) findings with the `2024-05-24 22:53:24.000000000` time form.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { OcsfRow } from '../../src/mapping/ocsf-row.ts';
import { mapAsffFinding } from '../../src/mapping/securityhub/asff-mapping.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { SHARED, validateOcsf } from '../helpers/ocsf-validator.ts';

const DATASET = join(SHARED, 'datasets/panther-analysis/panther_tests_securityhub_asff.jsonl');
const FINDINGS = readFileSync(DATASET, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Record<string, unknown>);
const OUTCOMES = FINDINGS.map(mapAsffFinding);
const ROWS: OcsfRow[] = OUTCOMES.flatMap((outcome) => (outcome.ok ? [outcome.row] : []));

test('all 10 Panther findings map, none is rejected', () => {
  assert.equal(FINDINGS.length, 10);
  assert.deepEqual(
    OUTCOMES.filter((outcome) => !outcome.ok),
    [],
  );
  assert.equal(ROWS.length, 10);
});

test('they are Detection Findings of the custom product, created and never updated', () => {
  for (const row of ROWS) {
    assert.equal(row.class_uid, 2004);
    assert.equal(row.type_name, 'Detection Finding: Create');
    assert.equal(row.accountid, '123456789012');
    assert.equal(row.region, 'us-east-1');
    assert.equal((row.metadata as { product: { name: string } }).product.name, 'DecoyDetector');
    assert.equal(row.severity, 'High');
  }
  assert.deepEqual(
    ROWS.map((row) => row.time_dt),
    FINDINGS.map(
      (finding) => `${String(finding.UpdatedAt).slice(0, 10)}T${String(finding.UpdatedAt).slice(11, 19)}.000Z`,
    ),
  );
});

test('every resource is kept, in order, and the Action block stays in unmapped', () => {
  for (const [index, row] of ROWS.entries()) {
    const resources = FINDINGS[index]?.Resources as { Id: string }[];
    assert.deepEqual(
      (row.resources as { uid: string }[]).map((resource) => resource.uid),
      resources.map((resource) => resource.Id),
    );
    const unmapped = row.unmapped as Record<string, string>;
    assert.equal(unmapped['Action.ActionType'], 'AWS_API_CALL');
    assert.ok(Object.values(unmapped).every((value) => typeof value === 'string'));
  }
});

test('the rows use only sh_findings columns and are valid OCSF 1.1.0', () => {
  const columns = new Set(TABLE_SCHEMAS.sh_findings.map((column) => column.name));
  for (const row of ROWS)
    assert.deepEqual(
      Object.keys(row).filter((key) => !columns.has(key)),
      [],
    );
  assert.deepEqual(validateOcsf(ROWS), []);
});
