// The Security Lake user guide's sample queries for AWS source version 2 (OCSF 1.1), verbatim: US East
// (N. Virginia) names and CURRENT_TIMESTAMP as printed; aws-sample-queries.test.ts fills the placeholders.
// Where the demo lake makes the answer knowable, `check` states it.

import assert from 'node:assert/strict';
import type { NativeSource } from '../../src/mapping/native-sources.ts';
import type { QueryResult } from '../../src/query/index.ts';

export interface SampleQuery {
  readonly source: NativeSource;
  readonly title: string;
  readonly sql: string;
  /** Column names Athena gives; undefined for `SELECT *` (the table's columns). */
  readonly columns?: readonly string[];
  readonly check?: (result: QueryResult) => void;
}

const DB = '"amazon_security_lake_glue_db_us_east_1"';
const table = (source: NativeSource) => `${DB}."amazon_security_lake_table_us_east_1_${source}_2_0"`;
const CT = table('cloud_trail_mgmt');
const R53 = table('route53');
const SH = table('sh_findings');
const VPC = table('vpc_flow');
const EKS = table('eks_audit');
const WAF = table('waf');

const col = (result: QueryResult, name: string) => {
  const index = result.columns.findIndex((c) => c.name === name);
  assert.ok(index >= 0, `no column ${name}`);
  return result.rows.map((row) => row[index]);
};
const someRows = (result: QueryResult) => assert.ok(result.rows.length > 0, 'expected rows');
const noRows = (result: QueryResult) => assert.deepEqual(result.rows, []);

const WAF_RULE_COLUMNS = [
  'time_dt',
  'activity_name',
  'ip',
  'path',
  'hostname',
  'http_method',
  'uid',
  'type',
  'condition',
  'match_location',
  'match_details',
  'rate_limit',
];

export const AWS_SAMPLE_QUERIES: readonly SampleQuery[] = [
  // --- Introduction ("Log source table", "Partition date", "Querying Security Lake observables") ---
  {
    source: 'sh_findings',
    title: 'All Security Hub findings in table sh_findings_2_0 from us-east-1 Region',
    sql: `SELECT *
    FROM ${SH}
    WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
LIMIT 25`,
    check: someRows,
  },
  {
    source: 'vpc_flow',
    title: 'List Amazon Virtual Private Cloud activity from source IP',
    sql: `SELECT * 
    FROM ${VPC}
    WHERE time_dt > TIMESTAMP '2023-03-01' 
    AND src_endpoint.ip = '192.0.2.1'
    ORDER BY time_dt desc
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 1),
  },
  {
    source: 'vpc_flow',
    title: 'Partition date: the logs after the time March 01, 2023',
    sql: `SELECT *
    FROM ${VPC}
WHERE time_dt > TIMESTAMP '2023-03-01'
AND src_endpoint.ip = '192.0.2.1'
ORDER BY time desc
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 1),
  },
  {
    source: 'vpc_flow',
    title: 'Observables: VPC Flow and Route53 tables containing the IP value',
    sql: `WITH a AS 
    (SELECT 
    time_dt,
    observable.name,
    observable.value
    FROM ${VPC},
    UNNEST(observables) AS t(observable)
    WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
    AND observable.value='172.01.02.03'
    AND observable.name='src_endpoint.ip'),
b as 
    (SELECT 
    time_dt,
    observable.name,
    observable.value
    FROM ${R53},
    UNNEST(observables) AS t(observable)
    WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
    AND observable.value='172.01.02.03'
    AND observable.name='src_endpoint.ip')
SELECT * FROM a
LEFT JOIN b ON a.value=b.value and a.name=b.name
LIMIT 25`,
    columns: ['time_dt', 'name', 'value', 'time_dt', 'name', 'value'],
    check: noRows,
  },

  // --- Amazon EKS audit logs ---
  {
    source: 'eks_audit',
    title: 'Requests to a specific URL in the last 7 days',
    sql: `SELECT 
    time_dt,
    actor.user.name,
    http_request.url.path,
    activity_name
FROM ${EKS} 
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND activity_name = 'get'
and http_request.url.path = '/apis/coordination.k8s.io/v1/'
LIMIT 25`,
    columns: ['time_dt', 'name', 'path', 'activity_name'],
    // Tarn names a get's activity 'Read' (OCSF API Activity), so the lower-case 'get' matches nothing.
    check: noRows,
  },
  {
    source: 'eks_audit',
    title: "Update requests from '10.0.97.167' over the last 7 days",
    sql: `SELECT 
    activity_name,
    time_dt,
    api.request,
    http_request.url.path,
    src_endpoint.ip,
    resources
FROM ${EKS} 
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND src_endpoint.ip = '10.0.97.167'
AND activity_name = 'Update'
LIMIT 25`,
    columns: ['activity_name', 'time_dt', 'request', 'path', 'ip', 'resources'],
    check: (result) => assert.deepEqual(col(result, 'ip'), ['10.0.97.167']),
  },
  {
    source: 'eks_audit',
    title: "Requests and Responses associated with resource 'kube-controller-manager' over the last 7 days",
    sql: `SELECT 
    activity_name,
    time_dt,
    api.request,
    api.response,
    resource.name
FROM ${EKS},
UNNEST(resources) AS t(resource)
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND resource.name = 'kube-controller-manager'
LIMIT 25`,
    columns: ['activity_name', 'time_dt', 'request', 'response', 'name'],
    check: (result) => assert.deepEqual(col(result, 'name'), ['kube-controller-manager']),
  },

  // --- CloudTrail ---
  {
    source: 'cloud_trail_mgmt',
    title: 'Unauthorized attempts against AWS services in the last 7 days',
    sql: `SELECT
    time_dt, 
    api.service.name, 
    api.operation, 
    api.response.error, 
    api.response.message, 
    api.response.data, 
    cloud.region, 
    actor.user.uid, 
    src_endpoint.ip, 
    http_request.user_agent
FROM ${CT}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND api.response.error in (
    'Client.UnauthorizedOperation',
    'Client.InvalidPermission.NotFound',
    'Client.OperationNotPermitted',
    'AccessDenied')
ORDER BY time desc
LIMIT 25`,
    columns: ['time_dt', 'name', 'operation', 'error', 'message', 'data', 'region', 'uid', 'ip', 'user_agent'],
    // The scenario's denied calls in the week before NOW, newest first.
    check: (result) => {
      someRows(result);
      const listed = [
        'Client.UnauthorizedOperation',
        'Client.InvalidPermission.NotFound',
        'Client.OperationNotPermitted',
      ];
      assert.deepEqual(
        col(result, 'error').filter((error) => !listed.includes(String(error)) && error !== 'AccessDenied'),
        [],
      );
      const times = col(result, 'time_dt').map(String);
      assert.deepEqual(times, [...times].sort().reverse());
    },
  },
  {
    source: 'cloud_trail_mgmt',
    title: 'List of all CloudTrail activity from source IP 192.0.2.1 in the last 7 days',
    // '192.0.2.1.' with its trailing dot is as AWS prints it: it matches no address.
    sql: `SELECT
    api.request.uid, 
    time_dt, 
    api.service.name, 
    api.operation, 
    cloud.region, 
    actor.user.uid, 
    src_endpoint.ip, 
    http_request.user_agent
FROM ${CT}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND src_endpoint.ip = '192.0.2.1.'
ORDER BY time desc
LIMIT 25`,
    columns: ['uid', 'time_dt', 'name', 'operation', 'region', 'uid', 'ip', 'user_agent'],
    check: noRows,
  },
  {
    source: 'cloud_trail_mgmt',
    title: 'List of all IAM activity in the last 7 days',
    sql: `SELECT *
FROM ${CT}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND api.service.name = 'iam.amazonaws.com'
ORDER BY time desc
LIMIT 25`,
    check: (result) => {
      assert.equal(result.rows.length, 25);
      const services = col(result, 'api').map((api) => (api as { service: { name: string } }).service.name);
      assert.ok(services.every((name) => name === 'iam.amazonaws.com'));
    },
  },
  {
    source: 'cloud_trail_mgmt',
    title: 'Instances where the credential AIDACKCEVSQ6C2EXAMPLE was used in the last 7 days',
    sql: `SELECT 
      actor.user.uid, 
      actor.user.uid_alt, 
      actor.user.account.uid, 
      cloud.region
FROM ${CT}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND actor.user.credential_uid = 'AIDACKCEVSQ6C2EXAMPLE'
LIMIT 25`,
    columns: ['uid', 'uid_alt', 'uid', 'region'],
    check: noRows,
  },
  {
    source: 'cloud_trail_mgmt',
    title: 'List of failed CloudTrail records in the last 7 days',
    sql: `SELECT 
      actor.user.uid, 
      actor.user.uid_alt, 
      actor.user.account.uid, 
      cloud.region
FROM ${CT}
WHERE status='failed' and time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
ORDER BY time DESC
LIMIT 25`,
    columns: ['uid', 'uid_alt', 'uid', 'region'],
    // OCSF's status is 'Failure': the lower-case 'failed' AWS prints matches nothing.
    check: noRows,
  },

  // --- Route 53 resolver query logs ---
  {
    source: 'route53',
    title: 'List of DNS queries from CloudTrail in the last 7 days',
    sql: `SELECT 
    time_dt,
    src_endpoint.instance_uid,
    src_endpoint.ip,
    src_endpoint.port,
    query.hostname,
    rcode
FROM ${R53}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
ORDER BY time DESC
LIMIT 25`,
    columns: ['time_dt', 'instance_uid', 'ip', 'port', 'hostname', 'rcode'],
    check: (result) =>
      assert.deepEqual(col(result, 'hostname'), [
        'c2VjcmV0.exfil-example.net.',
        'www.example.com.',
        's3.amazonaws.com.',
      ]),
  },
  {
    source: 'route53',
    title: 'List of DNS queries that match s3.amazonaws.com in the last 7 days',
    sql: `SELECT 
    time_dt,
    src_endpoint.instance_uid,
    src_endpoint.ip,
    src_endpoint.port,
    query.hostname,
    rcode,
    answers
FROM ${R53}
WHERE query.hostname LIKE 's3.amazonaws.com.' and time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
ORDER BY time DESC
LIMIT 25`,
    columns: ['time_dt', 'instance_uid', 'ip', 'port', 'hostname', 'rcode', 'answers'],
    check: (result) => assert.deepEqual(col(result, 'hostname'), ['s3.amazonaws.com.']),
  },
  {
    source: 'route53',
    title: "List of DNS queries that didn't resolve in the last 7 days",
    sql: `SELECT 
    time_dt,
    src_endpoint.instance_uid, 
    src_endpoint.ip, 
    src_endpoint.port, 
    query.hostname, 
    rcode, 
    answers
FROM ${R53}
WHERE cardinality(answers) = 0 and time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
LIMIT 25`,
    columns: ['time_dt', 'instance_uid', 'ip', 'port', 'hostname', 'rcode', 'answers'],
    // The NXDOMAIN query the test wrote has `"answers": []`, kept as an empty list.
    check: (result) => assert.deepEqual(col(result, 'hostname'), ['c2VjcmV0.exfil-example.net.']),
  },
  {
    source: 'route53',
    title: 'List of DNS queries that resolved to 192.0.2.1 in the last 7 days',
    sql: `SELECT 
    time_dt,
    src_endpoint.instance_uid, 
    src_endpoint.ip, 
    src_endpoint.port, 
    query.hostname, 
    rcode, 
    answer.rdata
FROM ${R53},
UNNEST(answers) as st(answer)
WHERE answer.rdata='192.0.2.1' 
AND time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
LIMIT 25`,
    columns: ['time_dt', 'instance_uid', 'ip', 'port', 'hostname', 'rcode', 'rdata'],
    check: (result) => assert.deepEqual(col(result, 'hostname'), ['www.example.com.']),
  },

  // --- Security Hub findings ---
  {
    source: 'sh_findings',
    title: 'New findings with severity greater than or equal to MEDIUM in the last 7 days',
    sql: `SELECT
    time_dt,
    finding_info,
    severity_id,
    status
FROM ${SH}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
    AND severity_id >= 3
    AND status = 'New'
ORDER BY time DESC
LIMIT 25`,
    columns: ['time_dt', 'finding_info', 'severity_id', 'status'],
    check: (result) => {
      someRows(result);
      assert.ok(col(result, 'status').every((status) => status === 'New'));
      assert.ok(col(result, 'severity_id').every((id) => Number(id) >= 3));
    },
  },
  {
    source: 'sh_findings',
    title: 'Were there any security findings for credentials used externally?',
    sql: `SELECT
    time_dt,
    finding_info,
    severity_id,
    status
FROM ${SH}
CROSS JOIN UNNEST(finding_info.types) AS t(type)
WHERE type LIKE '%InstanceCredentialExfiltration%'
ORDER BY time_dt DESC
LIMIT 25`,
    columns: ['time_dt', 'finding_info', 'severity_id', 'status'],
    // The scenario's GuardDuty findings are IAMUser-AnomalousBehavior, none an exfiltration.
    check: noRows,
  },
  {
    source: 'sh_findings',
    title: 'Which AWS accounts have the most security findings for EC2 instances?',
    sql: `SELECT
    accountid, 
    COUNT(*) AS total_findings 
FROM ${SH}
WHERE any_match(resources, element -> element.type = 'AwsEc2Instance')
GROUP BY accountid 
ORDER BY total_findings DESC
LIMIT 10`,
    columns: ['accountid', 'total_findings'],
    // The scenario's findings are on IAM keys, S3 buckets and objects and accounts: no EC2 instance.
    check: noRows,
  },
  {
    source: 'sh_findings',
    title: 'Duplicate findings in the last 7 days',
    sql: `SELECT 
    finding_info.uid,
    MAX(time_dt) AS time,
    ARBITRARY(region) AS region,
    ARBITRARY(accountid) AS accountid,
    ARBITRARY(finding_info) AS finding,
    ARBITRARY(vulnerabilities) AS vulnerabilities
FROM ${SH}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
GROUP BY finding_info.uid
LIMIT 25`,
    columns: ['uid', 'time', 'region', 'accountid', 'finding', 'vulnerabilities'],
    check: someRows,
  },
  {
    source: 'sh_findings',
    title: 'All non-informational findings in the last 7 days',
    sql: `SELECT 
    time_dt,
    finding_info.title,
    finding_info,
    severity
FROM ${SH}
WHERE severity != 'Informational' and time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
LIMIT 25`,
    columns: ['time_dt', 'title', 'finding_info', 'severity'],
    check: someRows,
  },
  {
    source: 'sh_findings',
    title: 'Findings where the resource is an Amazon S3 bucket (no time restriction)',
    sql: `SELECT *
   FROM ${SH}
WHERE any_match(resources, element -> element.type = 'amzn-s3-demo-bucket')
LIMIT 25`,
    check: noRows,
  },
  {
    source: 'sh_findings',
    title: 'Findings with a Common Vulnerability Scoring System (CVSS) score greater than 1 (no time restriction)',
    // As printed: no comma after finding_info.uid, so time_dt is its alias.
    sql: `SELECT
    DISTINCT finding_info.uid
    time_dt,
    metadata,
    finding_info,
    vulnerabilities,
    resource
FROM ${SH},
UNNEST(vulnerabilities) AS t(vulnerability),
UNNEST(vulnerability.cve.cvss) AS t(cvs)
WHERE cvs.base_score > 1.0
AND vulnerabilities is NOT NULL
LIMIT 25`,
    columns: ['time_dt', 'metadata', 'finding_info', 'vulnerabilities', 'resource'],
  },
  {
    source: 'sh_findings',
    title: 'Findings that match Common Vulnerabilities and Exposures (CVE) CVE-0000-0000 (no time restriction)',
    sql: `SELECT *
    FROM ${SH}
WHERE any_match(vulnerabilities, element -> element.cve.uid = 'CVE-0000-0000')
LIMIT 25`,
    check: noRows,
  },
  {
    source: 'sh_findings',
    title: 'Count of products that are sending findings from Security Hub in the last 7 days',
    sql: `SELECT 
    metadata.product.name,
    count(*)
FROM ${SH}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
GROUP BY metadata.product.name
ORDER BY metadata.product.name DESC
LIMIT 25`,
    columns: ['name', '_col1'],
    check: someRows,
  },
  {
    source: 'sh_findings',
    title: 'Count of resource types in findings in the last 7 days',
    sql: `SELECT
    count(*) AS "Total",
    resource.type
FROM ${SH}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
GROUP BY resource.type
ORDER BY count(*) DESC
LIMIT 25`,
    columns: ['Total', 'type'],
    check: someRows,
  },
  {
    source: 'sh_findings',
    title: 'Vulnerable packages from findings in the last 7 days',
    sql: `SELECT 
    vulnerabilities
FROM ${SH}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND vulnerabilities is NOT NULL
LIMIT 25`,
    columns: ['vulnerabilities'],
  },
  {
    source: 'sh_findings',
    title: 'Findings that have changed in the last 7 days',
    sql: `SELECT 
    status,
    finding_info.title,
    finding_info.created_time_dt,
    finding_info,
    finding_info.uid,
    finding_info.first_seen_time_dt,
    finding_info.last_seen_time_dt,
    finding_info.modified_time_dt
FROM ${SH}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
LIMIT 25`,
    columns: [
      'status',
      'title',
      'created_time_dt',
      'finding_info',
      'uid',
      'first_seen_time_dt',
      'last_seen_time_dt',
      'modified_time_dt',
    ],
    check: someRows,
  },

  // --- Amazon VPC Flow Logs ---
  {
    source: 'vpc_flow',
    title: 'Traffic in specific AWS Regions in the last 7 days',
    sql: `SELECT *
    FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND region in ('us-east-1','us-east-2','us-west-2')
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 4),
  },
  {
    source: 'vpc_flow',
    title: 'List of activity from source IP 192.0.2.1 and source port 22 in the last 7 days',
    sql: `SELECT *
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND src_endpoint.ip = '192.0.2.1'
AND src_endpoint.port = 22
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 1),
  },
  {
    source: 'vpc_flow',
    title: 'Count of distinct destination IP addresses in the last 7 days',
    sql: `SELECT 
    COUNT(DISTINCT dst_endpoint.ip) AS "Total"
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
LIMIT 25`,
    columns: ['Total'],
    check: (result) => assert.deepEqual(col(result, 'Total').map(Number), [4]),
  },
  {
    source: 'vpc_flow',
    title: 'Traffic originating from 198.51.100.0/24 in the last 7 days',
    sql: `SELECT *
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND split_part(src_endpoint.ip,'.', 1)='198'AND split_part(src_endpoint.ip,'.', 2)='51'
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 1),
  },
  {
    source: 'vpc_flow',
    title: 'All HTTPS traffic in the last 7 days',
    sql: `SELECT 
    dst_endpoint.ip as dst, 
    src_endpoint.ip as src, 
    traffic.packets
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND dst_endpoint.port = 443
GROUP BY 
    dst_endpoint.ip, 
    traffic.packets, 
    src_endpoint.ip 
ORDER BY traffic.packets DESC 
LIMIT 25`,
    columns: ['dst', 'src', 'packets'],
    check: (result) =>
      assert.deepEqual(
        result.rows.map((row) => [row[0], row[1], Number(row[2])]),
        [
          ['10.0.1.25', '198.51.100.7', 12],
          ['203.0.113.9', '10.0.1.25', 3],
        ],
      ),
  },
  {
    source: 'vpc_flow',
    title: 'Order by packet count for connections destined to port 443 in the last 7 days',
    sql: `SELECT 
    traffic.packets,
    dst_endpoint.ip
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND dst_endpoint.port = 443 
GROUP BY 
    traffic.packets,
    dst_endpoint.ip
ORDER BY traffic.packets DESC
LIMIT 25`,
    columns: ['packets', 'ip'],
    check: (result) => assert.deepEqual(col(result, 'ip'), ['10.0.1.25', '203.0.113.9']),
  },
  {
    source: 'vpc_flow',
    title: 'All traffic between IP 192.0.2.1 and 192.0.2.2 in the last 7 days',
    sql: `SELECT 
    start_time_dt, 
    end_time_dt, 
    src_endpoint.interface_uid, 
    connection_info.direction,
    src_endpoint.ip,
    dst_endpoint.ip,
    src_endpoint.port,
    dst_endpoint.port,
    traffic.packets,
    traffic.bytes
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND(
    src_endpoint.ip = '192.0.2.1'
AND dst_endpoint.ip = '192.0.2.2')
OR (
    src_endpoint.ip = '192.0.2.2'
AND dst_endpoint.ip = '192.0.2.1')
ORDER BY start_time_dt ASC
LIMIT 25`,
    columns: [
      'start_time_dt',
      'end_time_dt',
      'interface_uid',
      'direction',
      'ip',
      'ip',
      'port',
      'port',
      'packets',
      'bytes',
    ],
    // The OR is outside the time window as printed: the second pair matches at any time.
    check: (result) => assert.equal(result.rows.length, 2),
  },
  {
    source: 'vpc_flow',
    title: 'All inbound traffic in the last 7 days',
    sql: `SELECT *
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND connection_info.direction = 'Inbound'
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 2),
  },
  {
    source: 'vpc_flow',
    title: 'All outbound traffic in the last 7 days',
    sql: `SELECT *
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND connection_info.direction = 'Outbound'
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 2),
  },
  {
    source: 'vpc_flow',
    title: 'All rejected traffic in the last 7 days',
    sql: `SELECT *
FROM ${VPC}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP 
AND action = 'Denied'
LIMIT 25`,
    check: (result) => assert.equal(result.rows.length, 1),
  },

  // --- AWS WAFv2 logs ---
  {
    source: 'waf',
    title: 'Post requests from a specific source IP over the past 7 days',
    sql: `SELECT 
    time_dt,
    activity_name,
    src_endpoint.ip,
    http_request.url.path,
    http_request.url.hostname,
    http_request.http_method,
    http_request.http_headers
FROM ${WAF} 
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND src_endpoint.ip = '100.123.123.123'
AND activity_name = 'Post'
LIMIT 25`,
    columns: ['time_dt', 'activity_name', 'ip', 'path', 'hostname', 'http_method', 'http_headers'],
  },
  {
    source: 'waf',
    title: 'Requests which matched a firewall type MANAGED_RULE_GROUP over the past 7 days',
    sql: `SELECT 
    time_dt,
    activity_name,
    src_endpoint.ip,
    http_request.url.path,
    http_request.url.hostname,
    http_request.http_method,
    firewall_rule.uid,
    firewall_rule.type,
    firewall_rule.condition,
    firewall_rule.match_location,
    firewall_rule.match_details,
    firewall_rule.rate_limit
FROM ${WAF} 
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND firewall_rule.type = 'MANAGED_RULE_GROUP'
LIMIT 25`,
    columns: WAF_RULE_COLUMNS,
  },
  {
    source: 'waf',
    title: 'Requests which matched a REGEX in a firewall rule over the past 7 days',
    sql: `SELECT 
    time_dt,
    activity_name,
    src_endpoint.ip,
    http_request.url.path,
    http_request.url.hostname,
    http_request.http_method,
    firewall_rule.uid,
    firewall_rule.type,
    firewall_rule.condition,
    firewall_rule.match_location,
    firewall_rule.match_details,
    firewall_rule.rate_limit
FROM ${WAF} 
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND firewall_rule.condition = 'REGEX'
LIMIT 25`,
    columns: WAF_RULE_COLUMNS,
    check: noRows,
  },
  {
    source: 'waf',
    title: 'Denied get requests for AWS credentials which triggered AWS WAF rule over the past 7 days',
    sql: `SELECT 
    time_dt,
    activity_name,
    action,
    src_endpoint.ip,
    http_request.url.path,
    http_request.url.hostname,
    http_request.http_method,
    firewall_rule.uid,
    firewall_rule.type
FROM ${WAF} 
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY AND CURRENT_TIMESTAMP
AND http_request.url.path = '/.aws/credentials'
AND action = 'Denied'
LIMIT 25`,
    columns: ['time_dt', 'activity_name', 'action', 'ip', 'path', 'hostname', 'http_method', 'uid', 'type'],
    check: (result) => assert.deepEqual(col(result, 'ip'), ['198.51.100.20']),
  },
  {
    source: 'waf',
    title: 'Get requests for AWS Credentials, grouped by country over the past 7 days',
    sql: `SELECT count(*) as Total,
    src_endpoint.location.country AS Country,
    activity_name,
    action,
    src_endpoint.ip,
    http_request.url.path,
    http_request.url.hostname,
    http_request.http_method
FROM ${WAF}
WHERE time_dt BETWEEN CURRENT_TIMESTAMP - INTERVAL '7' DAY
    AND CURRENT_TIMESTAMP
    AND activity_name = 'Get'
    AND http_request.url.path = '/.aws/credentials'
GROUP BY src_endpoint.location.country,
    activity_name,
    action,
    src_endpoint.ip,
    http_request.url.path,
    http_request.url.hostname,
    http_request.http_method`,
    columns: ['Total', 'Country', 'activity_name', 'action', 'ip', 'path', 'hostname', 'http_method'],
  },
];
