// The DuckDB types a custom source's columns are written with. Left to guess from the values, DuckDB reads a
// time_dt as text, an ISO `message` as a TIMESTAMP (no longer the text given), a severity_id as BIGINT, and
// batches disagree. So every attribute with a scalar OCSF type gets the type Security Lake's tables use, nested ones
// too; only where OCSF leaves the shape open (json_t, the free-form `object` of `unmapped`), or where an object
// was null in every event of a chunk, does the type DuckDB detected stay.

import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBListType,
  DuckDBStructType,
  type DuckDBType,
  INTEGER,
  LIST,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import type { OcsfAttribute, OcsfEntity, OcsfSchema } from '../mapping/ocsf-validation/ocsf-schema.ts';

/** By OCSF type first (timestamp_t and datetime_t are built on long_t and string_t), then by base type. */
const SCALAR_TYPES: Readonly<Record<string, DuckDBType>> = {
  timestamp_t: BIGINT,
  datetime_t: TIMESTAMP,
  integer_t: INTEGER,
  long_t: BIGINT,
  float_t: DOUBLE,
  boolean_t: BOOLEAN,
  string_t: VARCHAR,
};

/** The type of one top-level column of a class's events, given the type DuckDB detected for it. */
export type ColumnTyping = (name: string, detected: DuckDBType) => DuckDBType;

export function ocsfColumnTyping(schema: OcsfSchema, cls: OcsfEntity | undefined): ColumnTyping {
  return (name, detected) => attributeType(schema, cls?.attributes[name], detected);
}

function attributeType(schema: OcsfSchema, attribute: OcsfAttribute | undefined, detected: DuckDBType): DuckDBType {
  if (attribute === undefined) return detected;
  const scalar = SCALAR_TYPES[attribute.type] ?? SCALAR_TYPES[attribute.base_type];
  if (scalar !== undefined) return attribute.is_array ? LIST(scalar) : scalar;
  const objectType = attribute.object_type;
  const object = objectType === undefined || objectType === 'object' ? undefined : schema.objects[objectType];
  if (object === undefined) return detected;
  if (!attribute.is_array) return structType(schema, object, detected);
  return detected instanceof DuckDBListType ? LIST(structType(schema, object, detected.valueType)) : detected;
}

function structType(schema: OcsfSchema, object: OcsfEntity, detected: DuckDBType): DuckDBType {
  if (!(detected instanceof DuckDBStructType)) return detected;
  const types = detected.entryTypes.map((type, index) =>
    attributeType(schema, object.attributes[detected.entryNames[index] ?? ''], type),
  );
  return new DuckDBStructType(detected.entryNames, types);
}
