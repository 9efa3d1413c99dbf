import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mapCloudTrailEvent } from '../../src/mapping/cloudtrail/cloudtrail-mapping.ts';
import { isoTime, parseCloudTrailTime } from '../../src/mapping/cloudtrail/cloudtrail-time.ts';

const NOON = Date.UTC(2019, 0, 1, 12, 0, 0);

test('CloudTrail and the formats real exports carry are read as UTC', () => {
  assert.equal(parseCloudTrailTime('2019-01-01T12:00:00Z'), NOON);
  assert.equal(parseCloudTrailTime('2019-01-01T12:00:00.123Z'), NOON + 123);
  assert.equal(parseCloudTrailTime('2019-01-01 12:00:00'), NOON);
  assert.equal(parseCloudTrailTime('2019-01-01 12:00:00.000'), NOON);
  assert.equal(parseCloudTrailTime('2019-01-01 12:00:00.987654321'), NOON + 987);
  assert.equal(parseCloudTrailTime('2019-01-01 12:00:00.5Z'), NOON + 500);
  assert.equal(parseCloudTrailTime('2019-01-01T13:30:00+01:30'), NOON);
  assert.equal(parseCloudTrailTime('2019-01-01T10:00:00-0200'), NOON);
  assert.equal(parseCloudTrailTime('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
});

test('what is not a calendar date-time is refused, not guessed', () => {
  for (const text of [
    'redacted',
    '...',
    '',
    '2019-01-01',
    '2019-01-01T12:00Z',
    '2019-13-01T12:00:00Z',
    '2023-02-29T12:00:00Z',
    '2019-01-01T24:00:00Z',
    '2019-01-01T12:00:00.Z',
    '2019-01-01T12:00:00 UTC',
    '2019-01-01T12:00:00+1',
    '01/01/2019 12:00:00',
    '1546344000',
  ]) {
    assert.equal(parseCloudTrailTime(text), undefined, text);
  }
});

const BASE = { eventName: 'ListBuckets', awsRegion: 'us-east-1', recipientAccountId: '111122223333' };

test('the row takes eventTime, else @timestamp, and names a value it cannot read', () => {
  const logstash = mapCloudTrailEvent({
    ...BASE,
    '@timestamp': '2020-09-14T01:02:34.000Z',
    sourceIPAddress: '1.2.3.4',
  });
  assert.ok(!logstash.ok);
  assert.equal(logstash.reason, 'record has no userIdentity: OCSF API Activity requires actor');
  const full = { ...BASE, sourceIPAddress: '1.2.3.4', userIdentity: { type: 'Root' } };
  const fromTimestamp = mapCloudTrailEvent({ ...full, '@timestamp': '2020-09-14T01:02:34.000Z' });
  assert.ok(fromTimestamp.ok);
  assert.equal(fromTimestamp.row.time, Date.UTC(2020, 8, 14, 1, 2, 34));
  assert.equal(fromTimestamp.row.time_dt, '2020-09-14T01:02:34.000Z');
  assert.deepStrictEqual(fromTimestamp.row.unmapped, {
    recipientAccountId: '111122223333',
    '@timestamp': '2020-09-14T01:02:34.000Z',
  });
  assert.deepStrictEqual(mapCloudTrailEvent({ ...full }), { ok: false, reason: 'record has no eventTime' });
  assert.deepStrictEqual(mapCloudTrailEvent({ ...full, eventTime: 'redacted' }), {
    ok: false,
    reason: 'eventTime "redacted" is not a date-time',
  });
  assert.deepStrictEqual(mapCloudTrailEvent({ ...full, eventTime: 1546344000 }), {
    ok: false,
    reason: 'eventTime number 1546344000 is not a date-time',
  });
});

test('isoTime writes exactly what toISOString writes, at any instant, and throws where it throws', () => {
  const year10000 = Date.UTC(10000, 0, 1);
  const year0 = Date.parse('0000-01-01T00:00:00Z');
  const edges = [
    0,
    -1,
    1,
    -0,
    NOON,
    NOON + 999,
    year10000 - 1,
    year10000,
    year0,
    year0 - 1,
    8.64e15,
    -8.64e15,
    1.5,
    -1.5,
  ];
  const instants = fc.oneof(
    fc.integer({ min: -8.64e15, max: 8.64e15 }),
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }),
    fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }),
    fc.constantFrom(...edges),
  );
  fc.assert(
    fc.property(instants, instants, (first, second) => {
      // Two calls in a row: the second may reuse the first's day.
      for (const ms of [first, second]) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
    }),
    { numRuns: 2000 },
  );
  for (const ms of [Number.NaN, 8.64e15 + 1, Number.POSITIVE_INFINITY]) assert.throws(() => isoTime(ms), RangeError);
});
