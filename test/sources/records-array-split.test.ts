// A delivery file read element by element gives exactly what parsing it whole gives: the same records, the
// same rejects, the same reason for a file that is not JSON. Only the exact `{"Records":[…]}` shape is split.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RECORDS_DOCUMENT_FORMAT } from '../../src/sources/format-detection.ts';
import { depthReason, MAX_JSON_DEPTH } from '../../src/sources/json-depth.ts';
import type { RawRecord } from '../../src/sources/log-file.ts';
import { parseLogFile } from '../../src/sources/log-file-reader.ts';
import { splitRecordsArray } from '../../src/sources/records-array-split.ts';

const EVENT = { eventVersion: '1.09', eventName: 'GetObject', eventSource: 's3.amazonaws.com' };

/** The records and rejects of a file, read as ingest reads it and, for comparison, with records streamed. */
function read(text: string) {
  const kept = parseLogFile('f.json', Buffer.from(text));
  const streamed: RawRecord[] = [];
  const consumed = parseLogFile('f.json', Buffer.from(text), {}, () => ({
    add: (record) => streamed.push(record),
    discard: () => {
      streamed.length = 0;
    },
  }));
  assert.deepStrictEqual(consumed.records, []);
  assert.deepStrictEqual(streamed, kept.records);
  assert.deepStrictEqual(consumed.rejects, kept.rejects);
  return kept;
}

test('any document with a "Records" array is a CloudTrail delivery, as a whole parse would classify it', () => {
  assert.equal(RECORDS_DOCUMENT_FORMAT?.format, 'cloudtrail-delivery');
});

test('elements are split at the array level only, whatever their strings hold', () => {
  const tricky = {
    ...EVENT,
    requestParameters: { key: 'a "quoted" ] } , [ {', path: 'C:\\\\dir\\', list: [[1], { x: [] }] },
  };
  const text = ` \n{ "Records" :\t[ ${JSON.stringify(tricky)} ,${JSON.stringify(EVENT)}, 7, "text", null, [1] ] }\n `;
  const split = splitRecordsArray(text, 'Records');
  assert.ok(split);
  assert.equal(split.length, 6);
  assert.deepStrictEqual(
    Array.from({ length: split.length }, (_, i) => JSON.parse(split.element(i))),
    JSON.parse(text).Records,
  );
  const result = read(text);
  assert.deepStrictEqual(
    result.records.map((r) => r.value),
    [tricky, EVENT],
  );
  assert.deepStrictEqual(
    result.rejects.map((r) => [r.record, r.reason]),
    [
      [3, '"Records" element is a number, not an object'],
      [4, '"Records" element is a string, not an object'],
      [5, '"Records" element is null, not an object'],
      [6, '"Records" element is an array, not an object'],
    ],
  );
});

test('other shapes are left to a whole parse', () => {
  for (const text of [
    '{"Records":[],"more":1}',
    '{"Records":[{}],"Records":[{}]}',
    '{"Rec\\u006frds":[{}]}',
    '{"Records":{}}',
    '{"Records":[{}]} x',
    '{"Records":[{},]}',
    '{"Records":[{} {}]}',
    '{"Records":[{"a":"unclosed}]}',
  ]) {
    assert.equal(splitRecordsArray(text, 'Records'), undefined, text);
  }
  assert.equal(splitRecordsArray('{"Records":[]}', 'Records')?.length, 0);
});

test('an element that does not parse rejects the whole file with the reason a whole parse gives, and nothing else', () => {
  const text = `{"Records":[${JSON.stringify(EVENT)},{"eventName":tru},${JSON.stringify(EVENT)}]}`;
  assert.ok(splitRecordsArray(text, 'Records'));
  const result = read(text);
  assert.deepStrictEqual(result.records, []);
  assert.equal(result.rejects.length, 1);
  assert.equal(result.rejects[0]?.record, null);
  assert.match(result.rejects[0]?.reason ?? '', /^malformed JSON: /);
});

test('property: split elements are the whole parse of any Records array', () => {
  fc.assert(
    fc.property(fc.array(fc.jsonValue()), fc.constantFrom('', ' ', '\n', '\t '), (items, blank) => {
      const text = `{${blank}"Records"${blank}:${blank}[${items.map((item) => blank + JSON.stringify(item) + blank).join(',')}]${blank}}`;
      const split = splitRecordsArray(text, 'Records');
      assert.ok(split);
      const elements = Array.from({ length: split.length }, (_, i) => JSON.parse(split.element(i)) as unknown);
      assert.deepStrictEqual(elements, JSON.parse(text).Records);
      assert.deepStrictEqual(split.depths, elements.map(depthOf));
    }),
    { numRuns: 300 },
  );
});

test('an element nested deeper than the limit is rejected alone, as in a line file; one at the limit is kept', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  // The event's object is the first level.
  const atLimit = JSON.stringify(EVENT).replace(/}$/, `,"additionalEventData":${nested(MAX_JSON_DEPTH - 1)}}`);
  const tooDeep = JSON.stringify(EVENT).replace(/}$/, `,"additionalEventData":${nested(MAX_JSON_DEPTH)}}`);
  const events = [atLimit, tooDeep, JSON.stringify(EVENT)];
  const text = `{"Records":[${events.join(',')}]}`;
  assert.deepStrictEqual(splitRecordsArray(text, 'Records')?.depths, [MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, 1]);
  const delivery = read(text);
  assert.deepStrictEqual(
    delivery.records.map((r) => r.record),
    [1, 3],
  );
  assert.deepStrictEqual(
    delivery.rejects.map((r) => [r.record, r.reason]),
    [[2, depthReason()]],
  );
  const lines = parseLogFile('f.json', Buffer.from(events.join('\n')));
  assert.deepStrictEqual(lines.records, delivery.records);
  assert.deepStrictEqual(lines.rejects, delivery.rejects);
});

/** How deep a value nests objects and arrays: 0 for a scalar, 1 for `{}`. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}
