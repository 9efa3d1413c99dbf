// A bucket created and written to at once by a principal whose writes normally go elsewhere: the shape of
// a ransom note dropped into a fresh bucket, or of data staged for exfiltration. A bucket's creator is not
// yet its usual writer, so the rule compares the writer with its own history: the buckets it wrote to
// before (named in the detail; "none" for a principal that never wrote to S3 before).

import { type DetectionRule, PRINCIPAL_NAME, requestField } from './detection-rule.ts';

/** Writes this soon after the CreateBucket count as part of it. */
const WITHIN_MS = 3_600_000;

export const newBucketWriteRule: DetectionRule = {
  id: 's3-new-bucket-written',
  title: 'Bucket created then written to by its creator',
  severity: 'Medium',
  techniques: [{ id: 'T1657', name: 'Financial Theft (extortion: ransom note)' }],
  description: `CreateBucket, then PutObject into that bucket within ${WITHIN_MS / 60_000} minutes by the same principal, which had never written to it before and whose earlier writes (listed) went to other buckets.`,
  sql: (c) => `WITH created AS (
  SELECT metadata.uid AS uid, time, actor.user.uid AS principal, ${requestField('bucketName')} AS bucket
  FROM ${c.cloudTrail}
  WHERE api.operation = 'CreateBucket' AND api.response.error IS NULL AND ${c.range}
), puts AS (
  SELECT metadata.uid AS uid, time, accountid, actor.user.uid AS principal, ${PRINCIPAL_NAME} AS principal_name,
    ${requestField('bucketName')} AS bucket, ${requestField('key')} AS key
  FROM ${c.s3Data}
  WHERE api.operation = 'PutObject' AND api.response.error IS NULL
), hits AS (
  SELECT c.uid AS create_uid, c.time AS create_time, p.uid AS put_uid, p.time AS put_time, p.principal,
    p.principal_name, p.accountid, p.bucket, p.key
  FROM created c JOIN puts p ON p.principal = c.principal AND p.bucket = c.bucket
  WHERE p.time >= c.time AND p.time - c.time <= ${WITHIN_MS}
), usual AS (
  SELECT h.create_uid, array_join(array_sort(array_agg(DISTINCT e.bucket)), ', ') AS buckets
  FROM hits h JOIN puts e ON e.principal = h.principal AND e.time < h.create_time AND e.bucket <> h.bucket
  GROUP BY h.create_uid
)
SELECT max(h.put_time) AS time, h.principal, arbitrary(h.principal_name) AS principal_name,
  arbitrary(h.accountid) AS account_id,
  array_sort(array_agg(DISTINCT 's3://' || h.bucket || '/' || h.key)) AS resources,
  concat(ARRAY[h.create_uid], array_agg(h.put_uid ORDER BY h.put_time, h.put_uid)) AS event_uids,
  'earlier writes went to: ' || coalesce(arbitrary(u.buckets), 'none') AS detail
FROM hits h LEFT JOIN usual u ON u.create_uid = h.create_uid
GROUP BY h.create_uid, h.principal
ORDER BY time, h.principal`,
};
