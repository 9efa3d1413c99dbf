import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonErrorOffset, jsonErrorReason } from '../../src/sources/json-error-position.ts';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  assert.fail(`${text} parsed`);
}

test('finds the offset where JSON breaks, including where the parser gives none', () => {
  const cases: [string, number][] = [
    ['{"a":}', 5],
    ['{"a":tru}', 8],
    ['[1,2,]', 5],
    ['{"a":{"b":}}', 10],
    ['{"a":1', 6],
    ['[[[[', 4],
    ['', 0],
    ['{"a":"x\n"}', 7],
    ['{"a":"\\q"}', 6],
    ['{"a":1}x', 7],
    ['{}}', 2],
    ['{a:1}', 1],
  ];
  for (const [text, offset] of cases) assert.equal(jsonErrorOffset(text), offset, JSON.stringify(text));
});

test('finds no error in valid JSON of every kind', () => {
  for (const text of [
    ' {} ',
    '[]',
    '{ "a" : [ { } , [ ] , "x\\u00e9\\n" , -1.5e3 , 0 , true , false , null ] }',
    '"s"',
    '7',
  ]) {
    assert.equal(jsonErrorOffset(text), -1, text);
  }
});

test('keeps the parser message, adding the position only when it is missing', () => {
  assert.equal(
    jsonErrorReason(parseError('{"a":}'), '{"a":}'),
    `Unexpected token '}', "{"a":}" is not valid JSON at position 5`,
  );
  assert.equal(
    jsonErrorReason(parseError('{"a":1'), '{"a":1'),
    `Expected ',' or '}' after property value in JSON at position 6`,
  );
  assert.equal(jsonErrorReason(parseError('[1,'), '[1,'), 'Unexpected end of JSON input at position 3');
});

test('leaves out the line and column that Node 22 and later append, so a reject reads the same on every Node', () => {
  const node26 = new SyntaxError(`Expected ',' or '}' after property value in JSON at position 9 (line 2 column 3)`);
  assert.equal(
    jsonErrorReason(node26, '{"a":1\n  "b"}'),
    `Expected ',' or '}' after property value in JSON at position 9`,
  );
});

test('does not overflow on deep nesting', () => {
  const deep = '['.repeat(200_000);
  assert.equal(jsonErrorOffset(deep), deep.length);
});
