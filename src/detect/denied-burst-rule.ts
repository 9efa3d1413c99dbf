// A burst of refused calls by one principal: a stolen credential trying what it is allowed to do, such as
// launching GPU instances it has no right to. Calls closer than the gap form one burst (gaps and islands).

import { type DetectionRule, PRINCIPAL_NAME } from './detection-rule.ts';

/** Refusals this close together (ms) belong to one burst; a burst needs at least MIN_CALLS of them. */
const GAP_MS = 10 * 60_000;
const MIN_CALLS = 3;

export const deniedBurstRule: DetectionRule = {
  id: 'denied-burst',
  title: 'Burst of AccessDenied / UnauthorizedOperation',
  severity: 'Medium',
  techniques: [{ id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' }],
  description: `At least ${MIN_CALLS} calls by one principal refused for lack of permission, each within ${GAP_MS / 60_000} minutes of the previous: a credential used outside what its owner normally does.`,
  sql: (c) => `WITH denied AS (
  SELECT metadata.uid AS uid, time, accountid, actor.user.uid AS principal, ${PRINCIPAL_NAME} AS principal_name,
    api.operation AS operation,
    CASE WHEN time - lag(time) OVER (PARTITION BY actor.user.uid ORDER BY time) <= ${GAP_MS} THEN 0 ELSE 1 END AS starts
  FROM ${c.cloudTrail}
  WHERE (api.response.error LIKE '%AccessDenied%' OR api.response.error LIKE '%UnauthorizedOperation%')
    AND actor.user.uid IS NOT NULL AND ${c.range}
), bursts AS (
  SELECT *, sum(starts) OVER (PARTITION BY principal ORDER BY time, uid ROWS UNBOUNDED PRECEDING) AS burst
  FROM denied
)
SELECT max(time) AS time, principal, arbitrary(principal_name) AS principal_name, arbitrary(accountid) AS account_id,
  array_sort(array_agg(DISTINCT operation)) AS resources, array_agg(uid ORDER BY time, uid) AS event_uids,
  CAST(count(*) AS varchar) || ' refused calls' AS detail
FROM bursts
GROUP BY principal, burst
HAVING count(*) >= ${MIN_CALLS}
ORDER BY time, principal`,
};
