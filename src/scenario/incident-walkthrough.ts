// The demo's walk through the reference incident: the six reference queries, verbatim, then the follow-up
// questions a responder asks next, written in the same Athena SQL with what the scenario knows filled in,
// ending with the one that leaves CloudTrail: where the suspect's addresses show up in the network logs.

import { fillAccount, REFERENCE_QUERIES, type ReferenceQuery } from './reference-queries.ts';
import type { ScenarioFacts } from './scenario-facts.ts';

const TABLE = 'amazon_security_lake_table_us_west_2';

function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
}

export function incidentWalkthrough(facts: ScenarioFacts): ReferenceQuery[] {
  const { incident } = facts;
  const created = incident.createdUsers.filter((u) => u.createdBy === incident.compromisedUser.userName);
  return [
    ...REFERENCE_QUERIES.map((q) => ({ question: q.question, sql: fillAccount(q.sql, facts.incidentAccountId) })),
    {
      question: 'Which findings did GuardDuty raise about it?',
      sql: `SELECT time_dt, finding_info.title, severity, resources[1].type AS resource_type, resources[1].uid AS resource
FROM ${TABLE}_sh_findings_2_0
WHERE metadata.product.name = 'GuardDuty' AND cloud.account.uid = '${facts.incidentAccountId}'
ORDER BY time_dt`,
    },
    {
      question: 'What did it do in S3 from the attacker’s addresses (beyond its nightly backups)?',
      sql: `SELECT time_dt, api.operation, json_extract_scalar(api.request.data, '$.bucketName') AS bucket,
       json_extract_scalar(api.request.data, '$.key') AS key, src_endpoint.ip
FROM ${TABLE}_s3_data_2_0
WHERE lower(actor.user.name) = 'service_backup' AND src_endpoint.ip IN (${sqlList(incident.attackerIps)})
ORDER BY time_dt`,
    },
    {
      question: 'What did the users it created do in turn?',
      sql: `SELECT time_dt, actor.user.name, api.operation, json_extract_scalar(api.request.data, '$.userName') AS target_user,
       status, src_endpoint.ip
FROM ${TABLE}_cloud_trail_mgmt_2_0
WHERE actor.user.name IN (${sqlList(created.map((u) => u.userName))})
ORDER BY time_dt`,
    },
    {
      question: 'Where else do its source addresses show up: which instance resolved a domain to them, which flows?',
      sql: `WITH suspect_ips AS (
  SELECT DISTINCT src_endpoint.ip AS ip
  FROM ${TABLE}_cloud_trail_mgmt_2_0
  WHERE lower(actor.user.name) = 'service_backup'
),
lookups AS (
  SELECT DISTINCT dns.src_endpoint.instance_uid AS instance, dns.query.hostname AS domain, answer.rdata AS ip
  FROM ${TABLE}_route53_2_0 AS dns
  CROSS JOIN UNNEST(dns.answers) AS t(answer)
  WHERE answer.rdata IN (SELECT ip FROM suspect_ips)
)
SELECT flow.time_dt, COALESCE(flow.src_endpoint.instance_uid, flow.dst_endpoint.instance_uid) AS instance,
       lookups.domain, flow.connection_info.direction, flow.src_endpoint.ip AS src_ip,
       flow.dst_endpoint.ip AS dst_ip, flow.dst_endpoint.port AS dst_port, flow.action, flow.traffic.bytes
FROM ${TABLE}_vpc_flow_2_0 AS flow
JOIN suspect_ips ON suspect_ips.ip IN (flow.src_endpoint.ip, flow.dst_endpoint.ip)
LEFT JOIN lookups ON lookups.ip = suspect_ips.ip
  AND lookups.instance = COALESCE(flow.src_endpoint.instance_uid, flow.dst_endpoint.instance_uid)
ORDER BY flow.time_dt, flow.connection_info.direction`,
    },
  ];
}
