// The timeline brush's rewrite of a query's time_dt range, and the timestamps the timeline reads.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTimestamp, timestampText, withTimeRange } from '../../web/src/time-predicate.ts';

const FROM = '2024-03-10 09:00:00.000';
const TO = '2024-03-10 10:00:00.000';
const RANGE = `time_dt BETWEEN TIMESTAMP '${FROM}' AND TIMESTAMP '${TO}'`;
const T = 'amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0';

test('a query without WHERE gets one, before its GROUP BY, ORDER BY or LIMIT', () => {
  assert.equal(withTimeRange(`SELECT * FROM ${T}`, FROM, TO), `SELECT * FROM ${T}\nWHERE ${RANGE}`);
  assert.equal(
    withTimeRange(`SELECT api.operation, count(*) FROM ${T} GROUP BY 1 ORDER BY 2 LIMIT 10`, FROM, TO),
    `SELECT api.operation, count(*) FROM ${T}\nWHERE ${RANGE}\nGROUP BY 1 ORDER BY 2 LIMIT 10`,
  );
  assert.equal(withTimeRange(`SELECT * FROM ${T};`, FROM, TO), `SELECT * FROM ${T}\nWHERE ${RANGE}\n;`);
});

test('an existing WHERE is kept whole, in parentheses, so an OR in it keeps its meaning', () => {
  assert.equal(
    withTimeRange(
      `SELECT * FROM ${T}\nWHERE status = 'Failure' OR api.operation = 'CreateUser'\nORDER BY time`,
      FROM,
      TO,
    ),
    `SELECT * FROM ${T}\nWHERE ${RANGE} AND (status = 'Failure' OR api.operation = 'CreateUser')\nORDER BY time`,
  );
});

test('the range the brush set before is replaced, not added to', () => {
  const once = withTimeRange(`SELECT * FROM ${T} WHERE status = 'Failure'`, FROM, TO);
  const twice = withTimeRange(once, '2024-03-10 09:30:00.000', '2024-03-10 09:45:00.000');
  assert.equal(
    twice,
    `SELECT * FROM ${T}\nWHERE time_dt BETWEEN TIMESTAMP '2024-03-10 09:30:00.000' AND TIMESTAMP '2024-03-10 09:45:00.000' AND (status = 'Failure')`,
  );
});

test("a subquery's WHERE, keywords inside strings and comments, and quoted names are left alone", () => {
  const sub = `SELECT * FROM (SELECT * FROM ${T} WHERE status = 'Failure' ORDER BY time) AS t`;
  assert.equal(withTimeRange(sub, FROM, TO), `${sub}\nWHERE ${RANGE}`);
  const strings = `SELECT * FROM ${T} WHERE api.operation <> 'GROUP BY' AND "limit" = 1 /* WHERE */ ORDER BY 1`;
  assert.equal(
    withTimeRange(strings, FROM, TO),
    `SELECT * FROM ${T}\nWHERE ${RANGE} AND (api.operation <> 'GROUP BY' AND "limit" = 1 /* WHERE */)\nORDER BY 1`,
  );
  const cte = `WITH f AS (SELECT * FROM ${T} WHERE status = 'Failure')\nSELECT * FROM f -- LIMIT 5\nLIMIT 5`;
  assert.equal(
    withTimeRange(cte, FROM, TO),
    `WITH f AS (SELECT * FROM ${T} WHERE status = 'Failure')\nSELECT * FROM f -- LIMIT 5\nWHERE ${RANGE}\nLIMIT 5`,
  );
});

test('timestamps read as the query service and an investigation write them, and written as Athena literals', () => {
  const ms = Date.UTC(2024, 2, 10, 9, 15, 0, 250);
  assert.equal(parseTimestamp('2024-03-10 09:15:00.250'), ms);
  assert.equal(parseTimestamp('2024-03-10 09:15:00.250 UTC'), ms);
  assert.equal(parseTimestamp('2024-03-10T09:15:00.250Z'), ms);
  assert.equal(parseTimestamp('2024-03-10T11:15:00.250+02:00'), ms);
  assert.ok(Number.isNaN(parseTimestamp('')));
  assert.ok(Number.isNaN(parseTimestamp('1710062100250')));
  assert.equal(timestampText(ms), '2024-03-10 09:15:00.250');
});
