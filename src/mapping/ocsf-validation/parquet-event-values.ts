// Parquet rows come back from DuckDB JSON-shaped, with BIGINT (and wider) integers as decimal strings, since a
// JSON number cannot hold every 64-bit value. Where the OCSF schema says a number, such a string is the number
// the file holds, not a type mismatch, so it is turned back into one before validation.

import type { OcsfEntity, OcsfSchema } from './ocsf-schema.ts';

const NUMERIC = new Set(['integer_t', 'long_t', 'float_t']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function parquetEventValues(schema: OcsfSchema, record: Record<string, unknown>): Record<string, unknown> {
  const classUid = Number(record.class_uid);
  const name = schema.classByUid.get(classUid);
  const cls = classUid === 0 ? schema.base_event : name === undefined ? undefined : schema.classes[name];
  const withClass = { ...record, class_uid: Number.isSafeInteger(classUid) ? classUid : record.class_uid };
  return cls === undefined ? withClass : numbersOf(schema, cls, withClass);
}

function numbersOf(schema: OcsfSchema, entity: OcsfEntity, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const attribute = entity.attributes[key];
    const object = attribute?.object_type === undefined ? undefined : schema.objects[attribute.object_type];
    const convert = (item: unknown): unknown => {
      if (object !== undefined && isObject(item)) return numbersOf(schema, object, item);
      if (attribute && NUMERIC.has(attribute.base_type) && typeof item === 'string' && DECIMAL.test(item)) {
        const number = Number(item);
        return Number.isSafeInteger(number) || attribute.base_type === 'float_t' ? number : item;
      }
      return item;
    };
    out[key] = Array.isArray(child) ? child.map(convert) : convert(child);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
