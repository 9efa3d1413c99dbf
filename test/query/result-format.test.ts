import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatResult, type QueryResult } from '../../src/query/index.ts';

const RESULT: QueryResult = {
  columns: [
    { name: 'Time', type: 'timestamp(3)' },
    { name: 'Target Principal', type: 'json' },
    { name: 'actor', type: 'row(user row(name varchar))' },
    { name: 'unmapped', type: 'map(varchar, varchar)' },
    { name: 'resources', type: 'array(row(uid varchar))' },
    { name: 'Target Principal', type: 'varchar' },
    { name: 'n', type: 'bigint' },
  ],
  rows: [
    [
      '2024-03-10 09:15:00.000',
      '"test_user2"',
      { user: { name: 'Service_Backup' } },
      { 'a.b': 'x, y' },
      [{ uid: 'r1' }, { uid: null }],
      'test_user2',
      9007199254740993n,
    ],
    [null, null, null, {}, [], 'line one\nline "two"', 3],
  ],
  truncated: false,
};

test('JSON: names as an array (duplicates kept), truncated said, times ISO 8601 with Z, big integers as strings', () => {
  assert.equal(
    formatResult(RESULT, 'json'),
    '{"columns":["Time","Target Principal","actor","unmapped","resources","Target Principal","n"],"truncated":false,"rows":[' +
      '["2024-03-10T09:15:00.000Z","\\"test_user2\\"",{"user":{"name":"Service_Backup"}},{"a.b":"x, y"},[{"uid":"r1"},{"uid":null}],"test_user2","9007199254740993"],' +
      '[null,null,null,{},[],"line one\\nline \\"two\\"",3]]}\n',
  );
});

test('CSV: RFC 4180 quoting, CRLF records, NULL as an empty field, nested values as Athena writes them', () => {
  assert.equal(
    formatResult(RESULT, 'csv'),
    'Time,Target Principal,actor,unmapped,resources,Target Principal,n\r\n' +
      '2024-03-10 09:15:00.000,"""test_user2""",{user={name=Service_Backup}},"{a.b=x, y}","[{uid=r1}, {uid=null}]",test_user2,9007199254740993\r\n' +
      ',,,{},[],"line one\nline ""two""",3\r\n',
  );
});

test('table: aligned columns, NULL spelled out, line breaks escaped, cells cut to the width, a row count', () => {
  const long: QueryResult = {
    columns: [
      { name: 'operation', type: 'varchar' },
      { name: 'data', type: 'varchar' },
    ],
    rows: [
      ['CreateUser', 'x'.repeat(70)],
      ['Get', null],
    ],
    truncated: true,
  };
  assert.equal(
    formatResult(long, 'table', { width: 75 }),
    [
      ` operation  | data`,
      `------------+--------------------------------------------------------------`,
      ` CreateUser | ${'x'.repeat(59)}…`,
      ` Get        | NULL`,
      `(2 rows, truncated: more rows exist; see --max-rows)\n`,
    ].join('\n'),
  );
  assert.equal(
    formatResult({ ...RESULT, rows: RESULT.rows.slice(1) }, 'table'),
    [
      ' Time (UTC) | Target Principal | actor | unmapped | resources | Target Principal     | n',
      '------------+------------------+-------+----------+-----------+----------------------+---',
      ' NULL       | NULL             | NULL  | {}       | []        | line one\\nline "two" | 3',
      '(1 row)\n',
    ].join('\n'),
  );
});
