// Turns what the query engine returns into plain OCSF events, and reads a generated scenario's raw
// CloudTrail back, so end-to-end tests can state expectations from the input rather than the code.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryColumn, QueryResult, QueryValue } from '../../src/query/index.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

/** Athena's (and the engine's) text form of a TIMESTAMP(3). */
export const ENGINE_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

/** OCSF 1.1.0's own datetime_t pattern, read from the schema the validator uses. */
export const OCSF_DATETIME = new RegExp(
  (
    JSON.parse(readFileSync(join(SHARED, 'ocsf/ocsf-1.1.0.json'), 'utf8')) as {
      types: { datetime_t: { regex: string } };
    }
  ).types.datetime_t.regex,
);

/** `2024-03-10T14:02:17Z` (CloudTrail's eventTime) as the engine prints a timestamp. */
export function engineTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

/** A Trino type name (`row(a varchar, b array(timestamp(3)))`) as a tree. */
type TrinoType =
  | { readonly kind: 'scalar'; readonly name: string }
  | { readonly kind: 'row'; readonly fields: ReadonlyMap<string, TrinoType> }
  | { readonly kind: 'array'; readonly item: TrinoType }
  | { readonly kind: 'map'; readonly value: TrinoType };

export function parseTrinoType(text: string): TrinoType {
  let pos = 0;
  const skipSpace = () => {
    while (text[pos] === ' ') pos++;
  };
  const word = (): string => {
    skipSpace();
    const start = pos;
    while (pos < text.length && !'(), '.includes(text[pos] as string)) pos++;
    return text.slice(start, pos);
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[pos] !== char) throw new Error(`expected ${char} at ${pos} in ${text}`);
    pos++;
  };
  const parse = (): TrinoType => {
    const name = word();
    skipSpace();
    if (name === 'row') {
      expect('(');
      const fields = new Map<string, TrinoType>();
      for (;;) {
        const field = word();
        fields.set(field, parse());
        skipSpace();
        if (text[pos] === ')') break;
        expect(',');
      }
      expect(')');
      return { kind: 'row', fields };
    }
    if (name === 'array') {
      expect('(');
      const item = parse();
      expect(')');
      return { kind: 'array', item };
    }
    if (name === 'map') {
      expect('(');
      parse();
      expect(',');
      const value = parse();
      expect(')');
      return { kind: 'map', value };
    }
    // Parameterised scalars: timestamp(3), decimal(3,1), and `timestamp(3) with time zone`.
    let full = name;
    if (text[pos] === '(') {
      const close = text.indexOf(')', pos);
      full += text.slice(pos, close + 1);
      pos = close + 1;
    }
    const zone = ' with time zone';
    if (text.startsWith(zone, pos)) {
      full += zone;
      pos += zone.length;
    }
    return { kind: 'scalar', name: full };
  };
  const type = parse();
  skipSpace();
  if (pos !== text.length) throw new Error(`trailing text at ${pos} in ${text}`);
  return type;
}

/**
 * One engine value as JSON an OCSF validator reads. The engine prints timestamps as Athena does
 * (`YYYY-MM-DD HH:MM:SS.fff`, UTC) and decimals as text; OCSF wants RFC 3339 datetimes and numbers.
 * Anything not in the engine's timestamp form is left as it is, so the datetime check can catch it.
 */
export function toJsonValue(type: TrinoType, value: QueryValue): unknown {
  if (value === null) return null;
  switch (type.kind) {
    case 'row': {
      const object = value as Readonly<Record<string, QueryValue>>;
      return Object.fromEntries(
        Object.entries(object).map(([key, item]) => {
          const fieldType = type.fields.get(key);
          if (fieldType === undefined) throw new Error(`field ${key} is not in the column type`);
          return [key, toJsonValue(fieldType, item)];
        }),
      );
    }
    case 'array':
      return (value as readonly QueryValue[]).map((item) => toJsonValue(type.item, item));
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Readonly<Record<string, QueryValue>>).map(([key, item]) => [
          key,
          toJsonValue(type.value, item),
        ]),
      );
    case 'scalar':
      if (type.name.startsWith('timestamp') && typeof value === 'string' && ENGINE_TIMESTAMP.test(value)) {
        return `${value.replace(' ', 'T')}Z`;
      }
      if (type.name.startsWith('decimal') && typeof value === 'string') return Number(value);
      if (typeof value === 'bigint') throw new Error(`${value} does not fit a JSON number`);
      return value;
  }
}

/** `SELECT *` rows as objects keyed by column name (names are unique in a table). */
export function resultObjects(result: QueryResult): Record<string, unknown>[] {
  const types = result.columns.map((column: QueryColumn) => parseTrinoType(column.type));
  return result.rows.map((row) =>
    Object.fromEntries(
      result.columns.map((column, i) => [column.name, toJsonValue(types[i] as TrinoType, row[i] ?? null)]),
    ),
  );
}

/** Every `*_dt` value (OCSF's datetime attributes) in an event, with its path. */
export function datetimeValues(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => datetimeValues(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const at = path === '' ? key : `${path}.${key}`;
    if (key.endsWith('_dt') && (item === null || typeof item !== 'object')) return [[at, item] as [string, unknown]];
    // `unmapped` is a map of raw CloudTrail/ASFF paths, not OCSF attributes.
    if (path === '' && key === 'unmapped') return [];
    return datetimeValues(item, at);
  });
}
