// `unmapped` keeps every raw field no column took, as Security Lake writes it: dotted paths, `[]` per array
// level, string values.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsumedPaths, flattenUnmapped } from '../../src/mapping/unmapped-flattener.ts';

test('leaves out mapped paths and everything below them, flattens the rest to strings', () => {
  const raw = {
    eventName: 'GetObject',
    readOnly: true,
    userIdentity: { arn: 'arn:aws:iam::1:user/a', sessionContext: { sessionIssuer: { arn: 'x', userName: 'r' } } },
    additionalEventData: { bytesTransferredOut: 60, SignatureVersion: 'SigV4' },
    requestParameters: { bucketName: 'b', key: 'k' },
  };
  const mapped = new Set([
    'eventName',
    'userIdentity.arn',
    'userIdentity.sessionContext.sessionIssuer.arn',
    'requestParameters',
  ]);
  assert.deepEqual(flattenUnmapped(raw, mapped), {
    readOnly: 'true',
    'userIdentity.sessionContext.sessionIssuer.userName': 'r',
    'additionalEventData.bytesTransferredOut': '60',
    'additionalEventData.SignatureVersion': 'SigV4',
  });
});

test('arrays add [] to the path; several values under one path are joined with commas, as Security Lake does; empty containers are kept', () => {
  const raw = {
    FindingProviderFields: { Types: ['TTPs/Initial Access', 'Effects/Data Exfiltration'] },
    Resources: [{ Type: 'AwsS3Bucket', Tags: {} }],
    Notes: [],
    Missing: null,
  };
  assert.deepEqual(flattenUnmapped(raw, new Set()), {
    'FindingProviderFields.Types[]': 'TTPs/Initial Access,Effects/Data Exfiltration',
    'Resources[].Type': 'AwsS3Bucket',
    'Resources[].Tags': '{}',
    'Notes[]': '[]',
  });
});

test('nothing left over gives no map at all', () => {
  assert.equal(flattenUnmapped({ a: 1 }, new Set(['a'])), undefined);
  assert.equal(flattenUnmapped({}, new Set()), undefined);
});

test('consumed paths are per record: a reset forgets what the previous record consumed', () => {
  const consumed = new ConsumedPaths();
  consumed.add('eventName');
  assert.equal(consumed.has('eventName'), true);
  consumed.reset();
  assert.equal(consumed.has('eventName'), false);
  assert.deepEqual(flattenUnmapped({ eventName: 'X' }, consumed), { eventName: 'X' });
});

test('a path is its text: a top-level key with a dot is the same path as the nested field it spells', () => {
  const consumed = new ConsumedPaths();
  consumed.reset();
  consumed.add('a.b');
  assert.deepEqual(flattenUnmapped({ 'a.b': 1, a: { b: 2, c: 3 } }, consumed), { 'a.c': '3' });
  consumed.reset();
  assert.deepEqual(flattenUnmapped({ 'a.b': 1, a: { b: 2 } }, consumed), { 'a.b': '1,2' });
});

test('keys named like Object.prototype members keep their own values', () => {
  assert.deepEqual(flattenUnmapped({ constructor: 'c', toString: 't', nested: { valueOf: 1 } }, new Set()), {
    constructor: 'c',
    toString: 't',
    'nested.valueOf': '1',
  });
});

test('a top-level __proto__ key, as JSON.parse gives it, is kept with its value in the row', () => {
  const raw = JSON.parse('{"__proto__": "x", "a": {"__proto__": "y"}}') as Record<string, unknown>;
  const flat = flattenUnmapped(raw, new Set());
  assert.equal(JSON.stringify(flat), '{"__proto__":"x","a.__proto__":"y"}');
});

test('past the paths a tree keeps (forged keys), consumed paths are still left out, record by record', () => {
  const consumed = new ConsumedPaths();
  const forged = (prefix: string) => Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`${prefix}${i}`, i]));
  consumed.reset();
  assert.equal(Object.keys(flattenUnmapped(forged('a'), consumed) ?? {}).length, 60_000);
  for (const taken of ['b7', 'b59999']) {
    consumed.reset();
    consumed.add(taken);
    const unmapped = flattenUnmapped({ ...forged('b'), nested: { b7: 1 } }, consumed) ?? {};
    assert.equal(unmapped[taken], undefined);
    assert.equal(Object.keys(unmapped).length, 60_000);
    assert.equal(consumed.has(taken), true);
  }
  consumed.reset();
  assert.equal(consumed.has('b59999'), false);
  assert.equal(flattenUnmapped({ b59999: 1 }, consumed)?.b59999, '1');
});
