// The demo's walk through the reference incident: the six reference queries, verbatim, then the follow-up
// questions a responder asks next, written in the same Athena SQL with what the scenario knows filled in.

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
  ];
}
