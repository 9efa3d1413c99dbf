// Parquet rows come back from DuckDB JSON-shaped, with BIGINT (and wider) integers as decimal strings, since a
// JSON number cannot hold every 64-bit value. Where the OCSF schema says a number, such a string is the number
// the file holds, not a type mismatch, so it is turned back into one before validation.

import type { OcsfAttribute, OcsfSchema } from './ocsf-schema.ts';
import { classEntity, mapOcsfValues } from './ocsf-value-walk.ts';

const NUMERIC = new Set(['integer_t', 'long_t', 'float_t']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function parquetEventValues(schema: OcsfSchema, record: Record<string, unknown>): Record<string, unknown> {
  const classUid = Number(record.class_uid);
  const withClass = { ...record, class_uid: Number.isSafeInteger(classUid) ? classUid : record.class_uid };
  const cls = classEntity(schema, withClass.class_uid);
  return cls === undefined ? withClass : mapOcsfValues(schema, cls, withClass, numberOf);
}

function numberOf(attribute: OcsfAttribute, value: unknown): unknown {
  if (!NUMERIC.has(attribute.base_type) || typeof value !== 'string' || !DECIMAL.test(value)) return value;
  const number = Number(value);
  return Number.isSafeInteger(number) || attribute.base_type === 'float_t' ? number : value;
}
