// Tarn's tables have Security Lake's columns and types, column for column, as the published Glue schemas say.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { glueToDuckDbType } from '../../src/mapping/glue-types.ts';
import { NATIVE_SOURCES, tableName } from '../../src/mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

interface GlueField {
  name: string;
  type: string;
  optional?: boolean;
  fields?: GlueField[];
}

/** The published files spell nested types as a tree; Glue's own notation writes them inline. */
function inline(field: GlueField): string {
  const fields = () => (field.fields ?? []).map((f) => `${f.name}:${inline(f)}`).join(',');
  if (field.type === 'struct') return `struct<${fields()}>`;
  if (field.type === 'array<struct>') return `array<struct<${fields()}>>`;
  return field.type;
}

/**
 * The published sh_findings file nests five evidence fields inside `actor`; OCSF puts them on the evidence,
 * and so does Tarn (see table-schemas.ts). This applies exactly that move and nothing else.
 */
function withOcsfEvidence(columns: GlueField[]): GlueField[] {
  return columns.map((column) => {
    if (column.name !== 'evidences') return column;
    const fields = (column.fields ?? []).flatMap((field) => {
      if (field.name !== 'actor') return [field];
      const [process, ...moved] = field.fields ?? [];
      assert.equal(process?.name, 'process');
      assert.deepEqual(
        moved.map((f) => f.name),
        ['api', 'src_endpoint', 'connection_info', 'dst_endpoint', 'query'],
      );
      return [{ ...field, fields: process ? [process] : [] }, ...moved];
    });
    return { ...column, fields };
  });
}

for (const source of NATIVE_SOURCES) {
  test(`${source}: columns, order, types and nullability match the Glue schema`, () => {
    const file = join(SHARED, 'reference/security-lake-2.0-tables', `${tableName('us-east-1', source)}.json`);
    const glue = JSON.parse(readFileSync(file, 'utf8')) as { columns: GlueField[] };
    const columns = source === 'sh_findings' ? withOcsfEvidence(glue.columns) : glue.columns;
    const expected = columns.map((c) => ({ name: c.name, type: inline(c), required: c.optional === false }));
    assert.deepEqual(TABLE_SCHEMAS[source], expected);
  });
}

test('Glue types become DuckDB types, nested names quoted so that keywords such as desc and user stay names', () => {
  assert.equal(glueToDuckDbType('string'), 'VARCHAR');
  assert.equal(glueToDuckDbType('bigint'), 'BIGINT');
  assert.equal(glueToDuckDbType('map<string,string>'), 'MAP(VARCHAR, VARCHAR)');
  assert.equal(glueToDuckDbType('array<decimal(9,6)>'), 'DECIMAL(9,6)[]');
  assert.equal(
    glueToDuckDbType('struct<desc:string,user:struct<name:string>,labels:array<string>,created_time_dt:timestamp>'),
    'STRUCT("desc" VARCHAR, "user" STRUCT("name" VARCHAR), "labels" VARCHAR[], "created_time_dt" TIMESTAMP)',
  );
  assert.throws(() => glueToDuckDbType('struct<a:unknowntype>'), /unknown Glue type "unknowntype"/);
  assert.throws(() => glueToDuckDbType('array<string'), /expected ">"/);
});
