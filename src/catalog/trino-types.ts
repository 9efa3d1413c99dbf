// Glue column types in the Trino Hive connector's notation: `struct<a:string>` → `ROW("a" VARCHAR)`.

import { type GlueType, parseGlueType } from '../mapping/glue-types.ts';

// Trino's Hive connector reads Parquet timestamps at millisecond precision by default, as Athena does.
const SCALARS: Readonly<Record<string, string>> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  bigint: 'BIGINT',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP(3)',
  double: 'DOUBLE',
  float: 'REAL',
};

export function glueToTrinoType(glue: string): string {
  return trinoType(parseGlueType(glue));
}

function trinoType(type: GlueType): string {
  switch (type.kind) {
    case 'scalar':
      return SCALARS[type.name] as string;
    case 'decimal':
      return `DECIMAL(${type.args})`;
    case 'array':
      return `ARRAY(${trinoType(type.element)})`;
    case 'map':
      return `MAP(${trinoType(type.key)}, ${trinoType(type.value)})`;
    case 'struct':
      return `ROW(${type.fields.map((field) => `"${field.name}" ${trinoType(field.type)}`).join(', ')})`;
  }
}
