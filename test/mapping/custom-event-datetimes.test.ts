// A custom-source event's one change on its way into the lake: its datetimes become UTC timestamps, in the text
// DuckDB reads into a TIMESTAMP column, and `time_dt` is derived from `time` when the event has none.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCustomEvent } from '../../src/mapping/ocsf-validation/custom-event-mapping.ts';
import { loadOcsfSchema } from '../../src/mapping/ocsf-validation/ocsf-schema.ts';
import { utcTimestampText } from '../../src/mapping/ocsf-validation/utc-datetimes.ts';
import { apiActivity, OCSF_SCHEMA, type OcsfEvent } from '../helpers/custom-source-events.ts';

const schema = loadOcsfSchema(OCSF_SCHEMA);
const source = { name: 'acme-api', classUid: 6003, className: 'api_activity', region: null, accountId: null };
const T = Date.UTC(2024, 2, 10, 14, 0, 1, 250);

function checked(event: OcsfEvent): OcsfEvent | string {
  const outcome = checkCustomEvent(schema, source, event);
  return outcome.ok ? outcome.event : outcome.reason;
}

test('an event without time_dt gets the one its time gives, right after time', () => {
  const event = checked(apiActivity('a', T));
  assert.ok(typeof event !== 'string');
  assert.deepEqual(Object.keys(event).slice(4, 8), ['severity_id', 'time', 'time_dt', 'metadata']);
  assert.deepEqual(event, { ...apiActivity('a', T), time_dt: '2024-03-10 14:00:01.250' });
});

test('given datetimes, nested ones too, become UTC whatever their offset; the rest of the event is untouched', () => {
  const given = apiActivity('b', T, {
    time_dt: '2024-03-10T16:00:01.25+02:00',
    start_time_dt: '2024-03-09T23:30:00-05:30',
    message: '2024-03-10T16:00:01+02:00',
    metadata: {
      version: '1.1.0',
      product: { name: 'Acme API', vendor_name: 'Acme' },
      logged_time_dt: '2024-03-10 14:00:02.123456789+00',
      original_time: '2024-03-10T16:00:01+02:00',
    },
  });
  assert.deepEqual(checked(given), {
    ...given,
    time_dt: '2024-03-10 14:00:01.25',
    start_time_dt: '2024-03-10 05:00:00',
    metadata: { ...(given.metadata as OcsfEvent), logged_time_dt: '2024-03-10 14:00:02.123456' },
  });
});

test('the forms a datetime arrives in: RFC 3339, DuckDB timestamp text, no offset for UTC', () => {
  const cases: [string, string | null][] = [
    ['2024-03-10T14:00:01Z', '2024-03-10 14:00:01'],
    ['2024-03-10t14:00:01.5z', '2024-03-10 14:00:01.5'],
    ['2024-03-10T00:30:00+01:00', '2024-03-09 23:30:00'],
    ['2024-03-10 14:00:01+0530', '2024-03-10 08:30:01'],
    ['2024-03-10 14:00:01-07', '2024-03-10 21:00:01'],
    ['2024-03-10 14:00:01', '2024-03-10 14:00:01'],
    ['2024-12-31T23:59:59-01:00', '2025-01-01 00:59:59'],
    ['2024-02-30T00:00:00Z', null],
    ['2024-03-10T24:00:00Z', null],
    ['2024-03-10T14:00:01+25:00', null],
    ['2024-03-10', null],
    ['yesterday', null],
    ['0000-01-01T00:30:00+01:00', null],
  ];
  assert.deepEqual(
    cases.map(([text]) => [text, utcTimestampText(text)]),
    cases,
  );
});

test('a datetime that is not one is a reject naming the attribute, not a value the lake cannot store', () => {
  const bad = apiActivity('c', T, {
    time_dt: 'yesterday',
    metadata: { ...(apiActivity('c', T).metadata as OcsfEvent), logged_time_dt: '2024-02-30T00:00:00Z' },
  });
  assert.equal(
    checked(bad),
    'metadata.logged_time_dt "2024-02-30T00:00:00Z" is not an RFC 3339 date-time; time_dt "yesterday" is not an RFC 3339 date-time',
  );
  assert.equal(checked(apiActivity('d', 8.64e15 - 1)), 'time 8639999999999999 is outside the years 0000-9999');
});
