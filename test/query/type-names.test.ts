// DuckDB types named as Glue names them, for the DESCRIBE of a custom table: the types a custom source's
// Parquet files can hold beyond those the custom-source fixture has (test/query/custom-source-query.test.ts).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { glueTypeName } from '../../src/query/type-names.ts';

test('scalars, nested types, JSON text and unsigned integers in Glue notation', async () => {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const columns: [string, string][] = [
      ['true', 'boolean'],
      ['1::INTEGER', 'int'],
      ['1::SMALLINT', 'smallint'],
      ['1.5::DOUBLE', 'double'],
      ['1.5::DECIMAL(10,2)', 'decimal(10,2)'],
      ["'x'", 'string'],
      ["'{}'::JSON", 'string'],
      ["'ab'::BLOB", 'binary'],
      ["DATE '2024-03-10'", 'date'],
      ["TIMESTAMP '2024-03-10 08:00:00'", 'timestamp'],
      ["TIMESTAMPTZ '2024-03-10 08:00:00+00'", 'timestamp'],
      ['1::UINTEGER', 'bigint'],
      ['1::UBIGINT', 'decimal(20,0)'],
      ["MAP {'a': [1::BIGINT]}", 'map<string,array<bigint>>'],
      ["{'user': {'name': 'x', 'ids': [1::INTEGER]}}", 'struct<user:struct<name:string,ids:array<int>>>'],
      ['[1::INTEGER, 2]::INTEGER[2]', 'array<int>'],
    ];
    const prepared = await connection.prepare(`SELECT ${columns.map(([sql]) => sql).join(', ')}`);
    const names = Array.from({ length: prepared.columnCount }, (_, i) => glueTypeName(prepared.columnType(i)));
    assert.deepEqual(
      names,
      columns.map(([, glue]) => glue),
    );
  } finally {
    connection.closeSync();
  }
});
