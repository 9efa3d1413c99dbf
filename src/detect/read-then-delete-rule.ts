// Objects read and then deleted by the same principal: data taken and destroyed (T1530 then T1485), the
// pattern of a data-extortion attack on S3. One hit per principal and bucket, proved by both calls of
// every object.

import { type DetectionRule, PRINCIPAL_NAME, requestField } from './detection-rule.ts';

/** A delete this long after the read still counts as the same operation. */
const WITHIN_MS = 24 * 3_600_000;

export const readThenDeleteRule: DetectionRule = {
  id: 's3-read-then-delete',
  title: 'S3 objects read then deleted by the same principal',
  severity: 'High',
  techniques: [
    { id: 'T1530', name: 'Data from Cloud Storage' },
    { id: 'T1485', name: 'Data Destruction' },
  ],
  description: `GetObject then DeleteObject of the same object by the same principal within ${WITHIN_MS / 3_600_000} hours: a copy taken, then the original removed.`,
  sql: (c) => `WITH calls AS (
  SELECT metadata.uid AS uid, time, accountid, actor.user.uid AS principal, ${PRINCIPAL_NAME} AS principal_name,
    api.operation AS operation, ${requestField('bucketName')} AS bucket, ${requestField('key')} AS key
  FROM ${c.s3Data}
  WHERE api.operation IN ('GetObject', 'DeleteObject') AND api.response.error IS NULL
    AND actor.user.uid IS NOT NULL AND ${c.range}
), pairs AS (
  SELECT r.uid AS read_uid, r.time AS read_time, d.uid AS delete_uid, d.time AS delete_time,
    d.principal, d.principal_name, d.accountid, d.bucket, d.key
  FROM calls r JOIN calls d ON r.principal = d.principal AND r.bucket = d.bucket AND r.key = d.key
  WHERE r.operation = 'GetObject' AND d.operation = 'DeleteObject'
    AND r.time <= d.time AND d.time - r.time <= ${WITHIN_MS}
), proof AS (
  SELECT principal, principal_name, accountid, bucket, key, read_uid AS uid, read_time AS time FROM pairs
  UNION
  SELECT principal, principal_name, accountid, bucket, key, delete_uid, delete_time FROM pairs
)
SELECT max(time) AS time, principal, arbitrary(principal_name) AS principal_name, arbitrary(accountid) AS account_id,
  array_sort(array_agg(DISTINCT 's3://' || bucket || '/' || key)) AS resources,
  array_agg(uid ORDER BY time, uid) AS event_uids,
  CAST(count(DISTINCT key) AS varchar) || ' objects in ' || bucket AS detail
FROM proof
GROUP BY principal, bucket
ORDER BY time, principal`,
};
