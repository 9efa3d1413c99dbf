// One YAML rule file → a DetectionRule. The query names the lake's tables and the evaluation window by
// placeholders ({{cloud_trail}}, {{s3_data}}, {{sh_findings}}, {{window_start}}, {{window_end}}: epoch milliseconds), so a rule
// runs over whichever region rolls the lake up and over whichever window detect evaluates. Every mistake is
// an error naming the file and the field.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TarnError } from '../tarn-error.ts';
import {
  type AttackTechnique,
  type DetectionRule,
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
]);
const DURATION = /^(\d+)\s*(s|m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const PLACEHOLDERS: Readonly<Record<string, (c: RuleContext) => string>> = {
  cloud_trail: (c) => c.cloudTrail,
  s3_data: (c) => c.s3Data,
  sh_findings: (c) => c.findings,
  window_start: (c) => String(Math.trunc(c.windowStart)),
  window_end: (c) => String(Math.trunc(c.windowEnd)),
};

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
  for (const [, name = ''] of query.matchAll(PLACEHOLDER)) {
    if (!(name in PLACEHOLDERS))
      fail(`the query uses an unknown placeholder {{${name}}}; known: ${Object.keys(PLACEHOLDERS).join(', ')}`);
  }
  return {
    id,
    title: text('title'),
    description: text('description'),
    severity: severity as DetectionRule['severity'],
    tactics: strings(fields.tactics, 'tactics', fail),
    techniques: techniques(fields.techniques, fail),
    sql: (context) =>
      query.replace(PLACEHOLDER, (_, name: string) => (PLACEHOLDERS[name] as (c: RuleContext) => string)(context)),
    tests: tests(fields.tests, fail),
    ...grouping(fields, fail),
    enabled: fields.enabled === undefined ? true : fields.enabled === true || fail('"enabled" must be true or false'),
    file,
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
