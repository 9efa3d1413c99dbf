// Runs the OCSF 1.1.0 conformance validator from ../shared on rows, as Security Lake rows are checked:
// partition columns and asl_version stripped, nulls dropped, timestamps as RFC 3339 strings.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
const VALIDATOR = join(SHARED, 'ocsf/validate.py');
const SCHEMA = join(SHARED, 'ocsf/ocsf-1.1.0.json');
const NOT_OCSF = new Set(['region', 'accountid', 'eventday', 'asl_version']);

export interface ValidationIssue {
  readonly event: unknown;
  readonly errors: readonly unknown[];
}

/** Returns the validator's errors, one entry per event that has any; an empty list means all valid. */
export function validateOcsf(rows: readonly Record<string, unknown>[]): ValidationIssue[] {
  const dir = mkdtempSync(join(tmpdir(), 'tarn-ocsf-'));
  const file = join(dir, 'events.jsonl');
  writeFileSync(file, rows.map((row) => JSON.stringify(toOcsfEvent(row))).join('\n'));
  try {
    execFileSync('python3', [VALIDATOR, SCHEMA, file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return [];
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? '';
    const issues = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as ValidationIssue & { ok: boolean })
      .filter((report) => !report.ok)
      .map(({ event, errors }) => ({ event, errors }));
    if (issues.length === 0) throw error;
    return issues;
  }
}

export function toOcsfEvent(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (NOT_OCSF.has(key)) continue;
    const clean = stripNulls(value);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function stripNulls(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(stripNulls).filter((item) => item !== undefined);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const clean = stripNulls(child);
      if (clean !== undefined) out[key] = clean;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}
