// One YAML rule file → a DetectionRule. The query names the lake's tables and the evaluation window by
// placeholders ({{cloud_trail}}, {{s3_data}}, {{sh_findings}}, {{window_start}}, {{window_end}}, {{lookback_start}}:
// epoch milliseconds, and {{baseline}} for a rule that learns from history), so a rule runs over whichever region
// rolls the lake up and over whichever window detect evaluates. Every mistake is an error naming the file and
// the field.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TarnError } from '../tarn-error.ts';
import {
  type AttackTechnique,
  type DetectionRule,
  lookbackStart,
  type RuleBaseline,
  type RuleContext,
  type RuleTest,
  SEVERITIES,
} from './detection-rule.ts';
import { GROUP_FIELDS, type GroupField, type Grouping } from './hit-grouping.ts';
import { isSigmaRule, sigmaRule } from './sigma-rule.ts';

const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;
const FIELDS = new Set([
  'id',
  'title',
  'description',
  'severity',
  'tactics',
  'techniques',
  'query',
  'tests',
  'enabled',
  'group_by',
  'threshold',
  'suppress',
  'baseline',
]);
const DURATION = /^(\d+)\s*(s|m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const PLACEHOLDERS: Readonly<Record<string, (c: RuleContext) => string>> = {
  cloud_trail: (c) => c.cloudTrail,
  s3_data: (c) => c.s3Data,
  sh_findings: (c) => c.findings,
  window_start: (c) => String(Math.trunc(c.windowStart)),
  window_end: (c) => String(Math.trunc(c.windowEnd)),
  lookback_start: (c) => String(Math.trunc(lookbackStart(c))),
};
const COLUMN = /^[a-z_][a-z0-9_]{0,62}$/;

export function loadRuleFile(file: string): DetectionRule & { readonly enabled: boolean } {
  const fail = (reason: string): never => {
    throw new TarnError(`rule file ${file}: ${reason}`, 2);
  };
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`not valid YAML: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('expected a mapping of fields');
  const fields = doc as Record<string, unknown>;
  if (isSigmaRule(fields)) return sigmaRule(fields, file);
  const unknown = Object.keys(fields).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) fail(`unknown field(s) ${unknown.join(', ')}`);
  const text = (name: string): string => {
    const value = fields[name];
    if (typeof value !== 'string' || value.trim() === '') fail(`"${name}" must be a non-empty string`);
    return (value as string).trim();
  };
  const id = text('id');
  if (!ID.test(id)) fail(`"id" ${JSON.stringify(id)} must be lowercase letters, digits, ".", "_" and "-"`);
  const severityText = text('severity').toLowerCase();
  const severity = SEVERITIES.find((s) => s.toLowerCase() === severityText);
  if (severity === undefined) fail(`"severity" must be one of ${SEVERITIES.join(', ')} (any case)`);
  const query = text('query');
  const kept = baseline(fields.baseline, fail);
  checkPlaceholders(query, 'query', kept === undefined ? [] : ['baseline'], fail);
  return {
    id,
    title: text('title'),
    description: text('description'),
    severity: severity as DetectionRule['severity'],
    tactics: strings(fields.tactics, 'tactics', fail),
    techniques: techniques(fields.techniques, fail),
    sql: (context) =>
      expand(query, context, (c) => {
        if (kept === undefined) throw new Error('the rule has no baseline');
        // No kept baseline: summarise the history before the window's lookback on the fly, as a subquery.
        return c.baseline ?? `(${kept.sql({ ...c, windowStart: 0, windowEnd: lookbackStart(c) - 1 })})`;
      }),
    tests: tests(fields.tests, fail),
    ...grouping(fields, fail),
    ...(kept === undefined ? {} : { baseline: kept }),
    enabled: fields.enabled === undefined ? true : fields.enabled === true || fail('"enabled" must be true or false'),
    file,
  };
}

function expand(sql: string, context: RuleContext, baselineOf: (c: RuleContext) => string): string {
  return sql.replace(PLACEHOLDER, (_, name: string) =>
    name === 'baseline' ? baselineOf(context) : (PLACEHOLDERS[name] as (c: RuleContext) => string)(context),
  );
}

function checkPlaceholders(
  sql: string,
  field: string,
  extra: readonly string[],
  fail: (reason: string) => never,
): void {
  const known = [...Object.keys(PLACEHOLDERS), ...extra];
  for (const [, name = ''] of sql.matchAll(PLACEHOLDER)) {
    if (!known.includes(name)) fail(`"${field}" uses an unknown placeholder {{${name}}}; known: ${known.join(', ')}`);
  }
}

/** `baseline: { key: [...], merge: { column: min|max }, query }`; see RuleBaseline. */
function baseline(value: unknown, fail: (reason: string) => never): RuleBaseline | undefined {
  if (value === undefined) return undefined;
  const { key, merge, query, ...rest } = (value ?? {}) as Record<string, unknown>;
  if (Object.keys(rest).length > 0) fail(`"baseline" has unknown field(s) ${Object.keys(rest).join(', ')}`);
  const keys = strings(key, 'baseline.key', fail);
  if (keys.length === 0) fail('"baseline.key" must name at least one column');
  if (typeof merge !== 'object' || merge === null || Object.keys(merge).length === 0) {
    fail('"baseline.merge" must map at least one column to min or max');
  }
  const folds = merge as Record<string, unknown>;
  for (const column of [...keys, ...Object.keys(folds)]) {
    if (!COLUMN.test(column)) fail(`baseline column ${JSON.stringify(column)} must be a lowercase SQL name`);
  }
  for (const [column, how] of Object.entries(folds)) {
    if (how !== 'min' && how !== 'max') fail(`"baseline.merge.${column}" must be min or max`);
    if (keys.includes(column)) fail(`baseline column ${column} is both a key and merged`);
  }
  if (typeof query !== 'string' || query.trim() === '') return fail('"baseline.query" must be a non-empty string');
  checkPlaceholders(query, 'baseline.query', [], fail);
  const sql = query.trim();
  return {
    key: keys,
    merge: folds as Record<string, 'min' | 'max'>,
    sql: (context) => expand(sql, context, () => ''),
    digest: createHash('sha256')
      .update(JSON.stringify([keys, folds, sql]))
      .digest('hex')
      .slice(0, 16),
  };
}

function strings(value: unknown, name: string, fail: (reason: string) => never): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    fail(`"${name}" must be a list of strings`);
  return value as string[];
}

function techniques(value: unknown, fail: (reason: string) => never): AttackTechnique[] {
  if (!Array.isArray(value) || value.length === 0) return fail('"techniques" must list at least one ATT&CK technique');
  return value.map((item, index) => {
    const { id, name } = (item ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !TECHNIQUE.test(id) || typeof name !== 'string') {
      fail(`techniques[${index}] must have an ATT&CK "id" (T1234 or T1234.001) and a "name"`);
    }
    return { id: id as string, name: name as string };
  });
}

function tests(value: unknown, fail: (reason: string) => never): RuleTest[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail('"tests" must be a list');
  return value.map((item, index) => {
    const { name, fire, events } = (item ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof fire !== 'boolean' || !Array.isArray(events) || events.length === 0) {
      fail(`tests[${index}] needs a "name", "fire: true|false" and a non-empty list of raw "events"`);
    }
    return { name: name as string, fire: fire as boolean, events: events as unknown[] };
  });
}

function grouping(fields: Record<string, unknown>, fail: (reason: string) => never): { grouping?: Grouping } {
  const { group_by: by, threshold, suppress } = fields;
  if (by === undefined && threshold === undefined && suppress === undefined) return {};
  const groupBy = by === undefined ? undefined : strings(by, 'group_by', fail);
  const unknown = groupBy?.find((field) => !(GROUP_FIELDS as readonly string[]).includes(field));
  if (unknown !== undefined) fail(`"group_by" field "${unknown}" is not one of ${GROUP_FIELDS.join(', ')}`);
  if (threshold !== undefined && !(Number.isInteger(threshold) && (threshold as number) >= 1))
    fail('"threshold" must be a whole number of events, at least 1');
  const match = suppress === undefined ? undefined : DURATION.exec(String(suppress));
  if (match === null) fail('"suppress" must be a duration such as 30m, 12h or 1d');
  return {
    grouping: {
      ...(groupBy === undefined ? {} : { groupBy: groupBy as GroupField[] }),
      ...(threshold === undefined ? {} : { threshold: threshold as number }),
      ...(match === undefined ? {} : { suppressMs: Number(match?.[1]) * (UNIT_MS[match?.[2] ?? 's'] as number) }),
    },
  };
}
