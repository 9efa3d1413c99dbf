// Golden cases: each folder under test/golden/asff holds one ASFF finding (input.json) and the exact
// sh_findings row Security Lake 2.0 would hold for it (expected.json), written by hand from the reference.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { mapAsffFinding } from '../../src/mapping/securityhub/asff-mapping.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden/asff');
const CASES = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const COLUMNS = new Set(TABLE_SCHEMAS.sh_findings.map((column) => column.name));

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function mapCase(name: string): Record<string, unknown> {
  const outcome = mapAsffFinding(readJson(join(GOLDEN, name, 'input.json')));
  assert.ok(outcome.ok, `${name} was rejected: ${outcome.ok ? '' : outcome.reason}`);
  assert.equal(outcome.source, 'sh_findings');
  return outcome.row as Record<string, unknown>;
}

test('the golden set holds the required cases', () => {
  assert.deepEqual(CASES, [
    'guardduty-dns-request-updated',
    'guardduty-iam-user-anomalous-behavior',
    'inspector-package-vulnerability',
    'macie-policy-block-public-access-disabled',
    'macie-sensitive-data-financial',
    'securityhub-control-failed',
  ]);
});

for (const name of CASES) {
  test(`golden ${name}: the row is exactly the expected one`, () => {
    assert.deepStrictEqual(mapCase(name), readJson(join(GOLDEN, name, 'expected.json')));
  });
}

test('golden rows use only sh_findings columns', () => {
  for (const name of CASES) {
    const extra = Object.keys(mapCase(name)).filter((key) => !COLUMNS.has(key));
    assert.deepEqual(extra, [], name);
  }
});

test('golden rows are valid OCSF 1.1.0', () => {
  assert.deepEqual(validateOcsf(CASES.map(mapCase)), []);
});

test('Macie sensitive-data rows put the bucket first and the object second', () => {
  const resources = mapCase('macie-sensitive-data-financial').resources as Record<string, unknown>[];
  assert.deepEqual(
    resources.map((resource) => resource.type),
    ['AwsS3Bucket', 'AwsS3Object'],
  );
  const policy = mapCase('macie-policy-block-public-access-disabled').resources as Record<string, unknown>[];
  assert.deepEqual(
    policy.map((resource) => resource.type),
    ['AwsS3Bucket'],
  );
});
