// The Athena SQL behind each panel of the console's investigation page: the same principals, window and
// tables `tarn investigate` read, so that a responder can open a panel's query, edit it and run it on. The
// findings query covers the lake's findings; Tarn's own detections are on the Detections page.

import { tableName } from '../mapping/native-sources.ts';
import { quoteName } from '../query/index.ts';
import type { EventRef } from '../respond/investigation/index.ts';
import { flattenCreated, type PrincipalFilter, principalPredicate, sqlList } from '../respond/investigation/index.ts';
import type { Investigation } from '../respond/report/index.ts';

export type PanelQueries = Record<
  'operations' | 'timeline' | 'sourceIps' | 'resources' | 'changes' | 'findings' | 'plan',
  string
>;

const ACTIVITY = ['cloud_trail_mgmt', 's3_data', 'lambda_execution'] as const;
const COLUMNS = `time_dt, time, metadata.uid AS uid, accountid, api.operation AS operation, status,
    src_endpoint.ip AS ip, coalesce(actor.user.uid, actor.user.name) AS actor, api.request.data AS request_data`;
/** Cited events past this many are left out of the plan's query: a query that long helps nobody. */
const MAX_CITED = 200;

/** Whose events the timeline shows: the principal and every principal it created, as investigate follows them. */
function everyoneFilter(investigation: Investigation): PrincipalFilter {
  const { uids, issuers, credentialUids } = investigation.principal.filter;
  const more = { uids: [...uids], issuers: [...issuers], credentialUids: [...credentialUids] };
  for (const item of flattenCreated(investigation.created)) {
    if (item.kind === 'user' && item.arn !== null) more.uids.push(item.arn);
    else if (item.kind === 'role' && item.arn !== null) more.issuers.push(item.arn);
    else if (item.kind === 'session' && item.arn !== null) more.credentialUids.push(item.arn);
    else if (item.kind === 'access-key') more.credentialUids.push(item.id);
  }
  return more;
}

function windowTerms(investigation: Investigation): string[] {
  const { from, to } = investigation.window;
  return [
    ...(from === null ? [] : [`time >= ${Date.parse(from)}`]),
    ...(to === null ? [] : [`time <= ${Date.parse(to)}`]),
  ];
}

/** The three CloudTrail tables' events that `where` picks, as one relation with the columns above. */
function activity(investigation: Investigation, where: string): string {
  const terms = [where, ...windowTerms(investigation)].join(' AND ');
  return ACTIVITY.map(
    (source) =>
      `  SELECT ${COLUMNS}\n  FROM ${quoteName(tableName(investigation.lake.rollupRegion, source))}\n  WHERE ${terms}`,
  ).join('\n  UNION ALL\n');
}

function citedEvent(ref: EventRef): string {
  if (ref.uid !== null) return `metadata.uid = ${sqlList([ref.uid])}`;
  return `(time = ${Date.parse(ref.time)} AND api.operation = ${sqlList([ref.operation])} AND accountid = ${sqlList([ref.accountId])})`;
}

export function investigationQueries(investigation: Investigation): PanelQueries {
  const own = activity(investigation, principalPredicate(investigation.principal.filter));
  const all = activity(investigation, principalPredicate(everyoneFilter(investigation)));
  const { containment, recovery } = investigation;
  const cited = [
    ...new Set(
      [...containment.steps, ...containment.deferred]
        .flatMap((step) => step.evidence)
        .concat(recovery.map((item) => item.proof))
        .map(citedEvent),
    ),
  ].slice(0, MAX_CITED);
  return { ...activityQueries(investigation, own, all, cited), findings: findingsQuery(investigation) };
}

/** The lake's findings that name what `relatedFindings` looks for: identities anywhere, resources exactly. */
function findingsQuery(investigation: Investigation): string {
  const { principal, resources } = investigation;
  const flat = flattenCreated(investigation.created);
  const identities = [
    principal.name,
    principal.arn,
    ...principal.accessKeyIds,
    ...flat.filter((c) => c.kind === 'user' || c.kind === 'access-key' || c.kind === 'role').map((c) => c.id),
  ];
  const arns = resources.flatMap((r) => {
    if (r.type === 'object') return [`arn:aws:s3:::${r.id.slice('s3://'.length)}`];
    return r.type === 'bucket' && flat.some((c) => c.kind === 'bucket' && c.id === r.id)
      ? [`arn:aws:s3:::${r.id}`]
      : [];
  });
  const named = [...new Set(identities.map((n) => n.toLowerCase()))].flatMap((n) => [
    `strpos(lower(finding_info.title), ${sqlList([n])}) > 0`,
    `strpos(lower(finding_info.desc), ${sqlList([n])}) > 0`,
    `cardinality(filter(resources, r -> strpos(lower(r.uid), ${sqlList([n])}) > 0)) > 0`,
  ]);
  if (arns.length > 0)
    named.push(
      `cardinality(filter(resources, r -> r.uid IN (${sqlList([...new Set(arns)].slice(0, MAX_CITED))}))) > 0`,
    );
  const findings = quoteName(tableName(investigation.lake.rollupRegion, 'sh_findings'));
  const window = windowTerms(investigation).map((t) => ` AND ${t}`);
  return `SELECT time_dt, metadata.product.name AS product, finding_info.title AS title, severity FROM ${findings}
WHERE (${named.join('\n  OR ')})${window.join('')}\nORDER BY time_dt`;
}

function activityQueries(investigation: Investigation, own: string, all: string, cited: string[]) {
  return {
    operations: `SELECT operation, status, count(*) AS calls FROM (\n${own}\n)\nGROUP BY 1, 2 ORDER BY calls DESC, 1, 2`,
    timeline: `SELECT time_dt, actor, operation, status, ip, uid FROM (\n${all}\n)\nORDER BY time_dt, uid`,
    sourceIps: `SELECT ip, count(*) AS calls, min(time_dt) AS first_seen, max(time_dt) AS last_seen FROM (\n${all}\n)\nGROUP BY 1 ORDER BY calls DESC, 1`,
    resources: `SELECT time_dt, actor, operation, request_data FROM (\n${all}\n)\nWHERE request_data IS NOT NULL\nORDER BY time_dt, uid`,
    changes: `SELECT time_dt, actor, operation, request_data FROM (\n${all}\n)\nWHERE regexp_like(operation, '^(Create|Attach|Put|Delete)')\nORDER BY time_dt, uid`,
    plan: `SELECT time_dt, actor, operation, status, request_data FROM (\n${activity(investigation, cited.length === 0 ? 'FALSE' : `(${cited.join('\n    OR ')})`)}\n)\nORDER BY time_dt, uid`,
  };
}
