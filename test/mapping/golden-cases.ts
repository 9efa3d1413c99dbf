// Test helper for the golden cases of one source: each folder under test/golden/<source> holds one raw
// record (input.json) and the exact row Security Lake 2.0 would hold for it (expected.json), written from
// the reference. Registers the tests every source's golden set shares.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { NativeSource } from '../../src/mapping/native-sources.ts';
import type { MapOutcome } from '../../src/mapping/ocsf-row.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';
import { undeclaredFields } from './cloudtrail-row-columns.ts';

export type Row = Record<string, unknown>;

export interface GoldenSet {
  readonly cases: readonly string[];
  /** The row the mapping makes of a case's input; fails the test when the input is rejected. */
  map(name: string): Row;
}

export function readJson(path: string): Row {
  return JSON.parse(readFileSync(path, 'utf8')) as Row;
}

export function goldenSet(
  folder: string,
  source: NativeSource,
  mapping: (input: Row) => MapOutcome,
  expectedCases: readonly string[],
): GoldenSet {
  const root = resolve(import.meta.dirname, '../golden', folder);
  const cases = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const map = (name: string): Row => {
    const outcome = mapping(readJson(join(root, name, 'input.json')));
    assert.ok(outcome.ok, `${name} was rejected: ${outcome.ok ? '' : outcome.reason}`);
    assert.equal(outcome.source, source);
    return outcome.row as Row;
  };

  test(`the ${folder} golden set holds the required cases`, () => {
    assert.deepEqual(cases, [...expectedCases].sort());
  });
  for (const name of cases) {
    test(`golden ${folder}/${name}: the row is exactly the expected one`, () => {
      assert.deepStrictEqual(map(name), readJson(join(root, name, 'expected.json')));
    });
  }
  test(`golden ${folder} rows use only the ${source} table's columns and struct fields`, () => {
    for (const name of cases) assert.deepEqual(undeclaredFields(map(name), TABLE_SCHEMAS[source]), [], name);
  });
  return { cases, map };
}

/** The validator's errors for rows, as `[event index, kind, path]`, for sets whose rows cannot all pass. */
export function validationErrors(rows: readonly Row[]): [number, string, string][] {
  return validateOcsf(rows).flatMap((issue) => {
    const index = Number(String(issue.event).split(':').pop()) - 1;
    return (issue.errors as { kind: string; path: string }[]).map((error): [number, string, string] => [
      index,
      error.kind,
      error.path,
    ]);
  });
}
