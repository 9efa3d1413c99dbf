// A Sigma rule for AWS CloudTrail (`logsource: product: aws, service: cloudtrail`), as published, turned into a
// Tarn rule over the CloudTrail management table: CloudTrail field names become the OCSF columns Tarn maps them
// to, each selection a SQL predicate (lists are OR, maps AND; modifiers contains, startswith, endswith, re, all,
// cidr), the condition Sigma's grammar. Every value is a SQL literal, never spliced text. Anything else is
// refused with the rule and the construct named.

import { quoteLiteral } from '../lake/table-layout.ts';
import { TarnError } from '../tarn-error.ts';
import type { AttackTechnique, DetectionRule, Severity } from './detection-rule.ts';
import { conditionSql, type Fail } from './sigma-condition.ts';

const COLUMNS: Readonly<Record<string, string>> = {
  eventSource: 'api.service.name',
  eventName: 'api.operation',
  eventType: 'metadata.event_code',
  eventID: 'metadata.uid',
  awsRegion: 'cloud.region',
  errorCode: 'api.response.error',
  errorMessage: 'api.response.message',
  sourceIPAddress: 'src_endpoint.ip',
  userAgent: 'http_request.user_agent',
  recipientAccountId: 'accountid',
  'userIdentity.type': 'actor.user.type',
  'userIdentity.arn': 'actor.user.uid',
  'userIdentity.userName': 'actor.user.name',
  'userIdentity.accountId': 'actor.user.account.uid',
  'userIdentity.accessKeyId': 'actor.user.credential_uid',
  'userIdentity.sessionContext.sessionIssuer.arn': 'actor.session.issuer',
  requestParameters: 'api.request.data',
  responseElements: 'api.response.data',
};
const JSON_FIELDS: Readonly<Record<string, string>> = {
  requestParameters: 'api.request.data',
  responseElements: 'api.response.data',
};
const LEVELS: Readonly<Record<string, Severity>> = {
  informational: 'Low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
const MODIFIERS = new Set(['contains', 'startswith', 'endswith', 're', 'all', 'cidr']);

/** Is this parsed YAML document a Sigma rule (rather than a Tarn rule)? */
export function isSigmaRule(doc: Record<string, unknown>): boolean {
  return typeof doc.logsource === 'object' && typeof doc.detection === 'object';
}

export function sigmaRule(doc: Record<string, unknown>, file: string): DetectionRule & { readonly enabled: boolean } {
  const title = typeof doc.title === 'string' ? doc.title : file;
  const fail: Fail = (reason) => {
    throw new TarnError(`Sigma rule "${title}" (${file}): ${reason}`, 2);
  };
  const logsource = doc.logsource as Record<string, unknown>;
  if (logsource.product !== 'aws' || logsource.service !== 'cloudtrail') {
    fail(`unsupported log source ${JSON.stringify(logsource)}: only product aws, service cloudtrail`);
  }
  const { condition, timeframe, ...named } = doc.detection as Record<string, unknown>;
  if (timeframe !== undefined) fail('unsupported construct: timeframe');
  if (typeof condition !== 'string') fail('detection.condition must be one condition string');
  const selections = new Map(Object.entries(named).map(([name, body]) => [name, selectionSql(name, body, fail)]));
  const where = conditionSql(condition as string, selections, fail);
  const tags = Array.isArray(doc.tags) ? doc.tags.map(String) : [];
  const techniques: AttackTechnique[] = tags
    .filter((tag) => /^attack\.t\d{4}(\.\d{3})?$/i.test(tag))
    .map((tag) => ({ id: tag.slice('attack.'.length).toUpperCase(), name: tag.slice('attack.'.length).toUpperCase() }));
  const tactics = tags.filter((tag) => /^attack\.[a-z_-]+$/i.test(tag)).map((t) => t.slice(7).replaceAll('_', '-'));
  const id = `sigma-${typeof doc.id === 'string' ? doc.id : title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return {
    id,
    title,
    description: typeof doc.description === 'string' ? doc.description.trim() : title,
    severity: LEVELS[String(doc.level ?? 'medium')] ?? fail(`unknown level "${String(doc.level)}"`),
    tactics,
    techniques,
    tests: [],
    enabled: doc.status !== 'deprecated',
    file,
    sql: (c) => `SELECT time, actor.user.uid AS principal,
  coalesce(actor.user.name, regexp_extract(actor.session.issuer, '[^/]+$'), actor.user.uid) AS principal_name,
  accountid AS account_id, ARRAY[api.operation] AS resources, ARRAY[metadata.uid] AS event_uids,
  api.service.name || ' ' || api.operation AS detail
FROM ${c.cloudTrail}
WHERE (${where}) AND time BETWEEN ${Math.trunc(c.windowStart)} AND ${Math.trunc(c.windowEnd)}
ORDER BY time, metadata.uid`,
  };
}

function selectionSql(name: string, body: unknown, fail: Fail): string {
  if (Array.isArray(body)) {
    if (body.every((item) => typeof item === 'object' && item !== null)) {
      return body.map((item) => `(${selectionSql(name, item, fail)})`).join(' OR ');
    }
    return fail(`unsupported construct: keyword selection "${name}" (values without a field)`);
  }
  if (typeof body !== 'object' || body === null) return fail(`selection "${name}" must be a map of fields`);
  const parts = Object.entries(body).map(([key, value]) => fieldSql(key, value, fail));
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

function fieldSql(key: string, value: unknown, fail: Fail): string {
  const [field = '', ...modifiers] = key.split('|');
  const unknown = modifiers.find((modifier) => !MODIFIERS.has(modifier));
  if (unknown !== undefined) fail(`unsupported construct: modifier "${unknown}" on ${field}`);
  const column = columnOf(field, fail);
  const values = Array.isArray(value) ? value : [value];
  const all = modifiers.includes('all');
  const tests = values.map((item) => valueSql(column, item, modifiers, field, fail));
  return `(${tests.join(all ? ' AND ' : ' OR ')})`;
}

function columnOf(field: string, fail: Fail): string {
  const direct = COLUMNS[field];
  if (direct !== undefined) return direct;
  const [root = '', ...path] = field.split('.');
  const json = JSON_FIELDS[root];
  if (json !== undefined && path.length > 0 && path.every((part) => /^[A-Za-z0-9_]+$/.test(part))) {
    return `json_extract_scalar(${json}, ${quoteLiteral(`$.${path.join('.')}`)})`;
  }
  return fail(`unsupported construct: field "${field}" has no OCSF column in Tarn's CloudTrail table`);
}

function valueSql(column: string, value: unknown, modifiers: readonly string[], field: string, fail: Fail): string {
  if (value === null) return `${column} IS NULL`;
  if (typeof value === 'object') return fail(`unsupported construct: a nested value under ${field}`);
  const text = String(value);
  if (modifiers.includes('re')) return `regexp_like(${column}, ${quoteLiteral(text)})`;
  if (modifiers.includes('cidr')) return cidrSql(column, text, fail);
  // Sigma compares strings without regard to case.
  const like = (pattern: string) => `lower(${column}) LIKE ${quoteLiteral(pattern.toLowerCase())} ESCAPE '\\'`;
  const escaped = text.replace(/[\\%_]/g, '\\$&');
  if (modifiers.includes('contains')) return like(`%${escaped}%`);
  if (modifiers.includes('startswith')) return like(`${escaped}%`);
  if (modifiers.includes('endswith')) return like(`%${escaped}`);
  if (/[*?]/.test(text)) return like(escaped.replace(/\*/g, '%').replace(/\?/g, '_'));
  return `lower(${column}) = ${quoteLiteral(text.toLowerCase())}`;
}

/** An IPv4 CIDR as a numeric range over the address's four octets (the lake keeps addresses as text). */
function cidrSql(column: string, cidr: string, fail: Fail): string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const bits = Number(match?.[5]);
  if (match === null || octets.some((o) => o > 255) || bits > 32) {
    return fail(`unsupported construct: cidr "${cidr}" (IPv4 a.b.c.d/n only)`);
  }
  const base = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(base / size) * size;
  const part = (n: number) => `try_cast(split_part(${column}, '.', ${n}) AS bigint)`;
  const number = `(${part(1)} * 16777216 + ${part(2)} * 65536 + ${part(3)} * 256 + ${part(4)})`;
  return `(regexp_like(${column}, '^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$') AND ${number} BETWEEN ${start} AND ${start + size - 1})`;
}
