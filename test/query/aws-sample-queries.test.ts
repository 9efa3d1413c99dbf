// AWS's published Security Lake sample queries for source version 2 (OCSF 1.1), run unmodified against one
// lake: the demo scenario (CloudTrail and Security Hub findings) plus small Route 53, WAF, EKS audit and VPC
// flow files written here. Text is verbatim from the Security Lake user guide's "source version 2" pages, as
// copied in aws-samples/sample-generative-ai-chatbot-for-amazon-security-lake
// (lib/bedrock/kb_source_data/example_queries/amazon_security_lake_example_queries.md).
//
// Placeholders filled, and nothing else changed:
// - Region: the pages name us-east-1 (`amazon_security_lake_glue_db_us_east_1`, `..._table_us_east_1_...`);
//   the lake's rollup region is us-west-2, so `us_east_1` becomes `us_west_2` in the database and table names.
// - Time bounds: the demo data is dated March 2024, so `CURRENT_TIMESTAMP` becomes NOW below (the 7-day window
//   then holds the incident of 2024-03-10/11). Every query is also run as printed, with CURRENT_TIMESTAMP.
// - IPs the copy masks with asterisks are filled from the query or heading itself: 192.0.2.1 (VPC examples)
//   and 172.01.02.03 (the observables example, where the second CTE names it); '10.0.97.167' in the EKS
//   "Update requests" query comes from its heading.
// - Account id: no 2.0 sample query names one.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ingest } from '../../src/lake/ingest-job.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { openQueryEngine, type QueryEngine, type QueryResult } from '../../src/query/index.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { AWS_SAMPLE_QUERIES, type SampleQuery } from './aws-sample-queries.ts';

const ROLLUP = 'us-west-2';
const NOW = "TIMESTAMP '2024-03-14 00:00:00'";
const ACCOUNT = '111122223333';

/** The one edit made to each query: the region of the names and, unless `asPrinted`, the clock. */
function fill(sql: string, asPrinted = false): string {
  const named = sql.replaceAll('us_east_1', 'us_west_2');
  return asPrinted ? named : named.replaceAll('CURRENT_TIMESTAMP', NOW);
}

const lines = (values: readonly unknown[]) => `${values.map((value) => JSON.stringify(value)).join('\n')}\n`;
const at = (iso: string) => Date.parse(iso);

const ROUTE53 = [
  ['s3.amazonaws.com.', 'A', 'NOERROR', [{ Rdata: '52.216.8.44', Type: 'A', Class: 'IN' }], '10.0.1.25'],
  ['www.example.com.', 'A', 'NOERROR', [{ Rdata: '192.0.2.1', Type: 'A', Class: 'IN' }], '10.0.1.26'],
  ['c2VjcmV0.exfil-example.net.', 'TXT', 'NXDOMAIN', [], '10.0.1.25'],
].map(([name, type, rcode, answers, src], i) => ({
  version: '1.100000',
  account_id: ACCOUNT,
  region: ROLLUP,
  vpc_id: 'vpc-0a1b2c3d4e5f60718',
  query_timestamp: `2024-03-10T12:0${i}:00Z`,
  query_name: name,
  query_type: type,
  query_class: 'IN',
  rcode,
  answers,
  srcaddr: src,
  srcport: '53122',
  transport: 'UDP',
  srcids: { instance: 'i-0abc1234def567890' },
}));

function wafRecord(time: string, method: string, uri: string, ip: string, terminating: Record<string, unknown>) {
  return {
    timestamp: at(time),
    formatVersion: 1,
    webaclId: `arn:aws:wafv2:${ROLLUP}:${ACCOUNT}:regional/webacl/shop-web-acl/585e38b5-afce-4d2a-b417-14fb08b66c67`,
    terminatingRuleId: 'Default_Action',
    terminatingRuleType: 'REGULAR',
    action: 'ALLOW',
    terminatingRuleMatchDetails: [],
    httpSourceName: 'ALB',
    httpSourceId: `${ACCOUNT}-app/shop-alb/0123456789abcdef`,
    ruleGroupList: [],
    rateBasedRuleList: [],
    nonTerminatingMatchingRules: [],
    requestHeadersInserted: null,
    responseCodeSent: null,
    httpRequest: {
      clientIp: ip,
      country: 'NL',
      headers: [{ name: 'Host', value: 'shop.example.com' }],
      uri,
      args: '',
      httpVersion: 'HTTP/1.1',
      httpMethod: method,
      requestId: `1-65ee1f2a-${time.replace(/\D/g, '')}`,
    },
    ...terminating,
  };
}

const WAF = [
  wafRecord('2024-03-10T12:00:00Z', 'POST', '/login', '100.123.123.123', {}),
  wafRecord('2024-03-10T12:01:00Z', 'GET', '/.aws/credentials', '198.51.100.20', {
    terminatingRuleId: 'AWS-AWSManagedRulesCommonRuleSet',
    terminatingRuleType: 'MANAGED_RULE_GROUP',
    action: 'BLOCK',
    responseCodeSent: 403,
    ruleGroupList: [
      {
        ruleGroupId: 'AWS#AWSManagedRulesCommonRuleSet',
        terminatingRule: { ruleId: 'GenericLFI_URIPATH', action: 'BLOCK', ruleMatchDetails: null },
        nonTerminatingMatchingRules: [],
        excludedRules: null,
      },
    ],
  }),
];

function eksEvent(time: string, verb: string, uri: string, ip: string, name: string, resource: string) {
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `0b6c2a8e-7d1f-4e3a-9f5b-${time.replace(/\D/g, '').slice(0, 12)}`,
    stage: 'ResponseComplete',
    requestURI: uri,
    verb,
    user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
    sourceIPs: [ip],
    userAgent: 'kube-controller-manager/v1.29.0',
    objectRef: { resource, namespace: 'kube-system', name, apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: { 'authorization.k8s.io/decision': 'allow' },
  };
}

const EKS = [
  eksEvent('2024-03-10T12:00:00.000000Z', 'get', '/apis/coordination.k8s.io/v1/', '10.0.97.167', '', 'leases'),
  eksEvent(
    '2024-03-10T12:00:01.000000Z',
    'update',
    '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager',
    '10.0.97.167',
    'kube-controller-manager',
    'leases',
  ),
];

const VPC_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action ' +
  'log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr az-id flow-direction traffic-path';
const vpcLine = (
  src: string,
  dst: string,
  sport: number,
  dport: number,
  packets: number,
  action: string,
  dir: string,
) =>
  `5 ${ACCOUNT} eni-0a1b2c3d4e5f60718 ${src} ${dst} ${sport} ${dport} 6 ${packets} ${packets * 60} 1710072000 1710072060 ${action} OK vpc-0123456789abcdef0 subnet-0fedcba9876543210 i-0abc1234def567890 2 IPv4 ${src} ${dst} usw2-az2 ${dir} -`;
const VPC = [
  VPC_HEADER,
  vpcLine('192.0.2.1', '192.0.2.2', 22, 51000, 5, 'ACCEPT', 'egress'),
  vpcLine('192.0.2.2', '192.0.2.1', 51000, 22, 4, 'ACCEPT', 'ingress'),
  vpcLine('198.51.100.7', '10.0.1.25', 49152, 443, 12, 'ACCEPT', 'ingress'),
  vpcLine('10.0.1.25', '203.0.113.9', 40122, 443, 3, 'REJECT', 'egress'),
];

let root: string;
let facts: ScenarioFacts;
let engine: QueryEngine;
const results = new Map<string, QueryResult | Error>();
const printed = new Map<string, QueryResult | Error>();

async function attempt(sql: string): Promise<QueryResult | Error> {
  try {
    return await engine.run(sql);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

before(async () => {
  root = tempDir('tarn-aws-samples-');
  facts = await generateScenario({ outDir: join(root, 'data'), events: 2000, seed: 5 });
  const logs = join(root, 'AWSLogs', ACCOUNT);
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(logs, path)), { recursive: true });
    writeFileSync(join(logs, path), gzipSync(text));
  };
  put('vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2024/03/10/resolver.log.gz', lines(ROUTE53));
  put(`WAFLogs/${ROLLUP}/shop-web-acl/2024/03/10/12/00/waf.log.gz`, lines(WAF));
  put(`EKS/${ROLLUP}/prod/2024/03/10/audit.json.gz`, lines(EKS));
  put(
    `vpcflowlogs/${ROLLUP}/2024/03/10/${ACCOUNT}_vpcflowlogs_${ROLLUP}_fl-0123456789abcdef0_20240310T1200Z_3f2a9c1d.log.gz`,
    `${VPC.join('\n')}\n`,
  );
  const lakeDir = join(root, 'lake');
  // The scenario's CloudTrail and findings only: its own network logs would change the answers stated below.
  const scenario = [
    ...facts.accountIds.map((account) => join(root, 'data', 'AWSLogs', account, 'CloudTrail')),
    join(root, 'data', 'securityhub'),
  ];
  await ingest({ lakeDir, paths: [...scenario, join(root, 'AWSLogs')], rollupRegion: ROLLUP });
  engine = await openQueryEngine({ lakeDir });
  for (const query of AWS_SAMPLE_QUERIES) {
    results.set(query.title, await attempt(fill(query.sql)));
    printed.set(query.title, await attempt(fill(query.sql, true)));
  }
});

after(async () => {
  await engine?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function ran(query: SampleQuery, from = results): QueryResult {
  const result = from.get(query.title);
  if (result instanceof Error) assert.fail(`${query.title}\n${fill(query.sql)}\nfailed: ${result.message}`);
  assert.ok(result, `${query.title} did not run`);
  return result;
}

test('the lake has rows in every table the sample queries read', async () => {
  for (const source of ['cloud_trail_mgmt', 'sh_findings', 'route53', 'waf', 'eks_audit', 'vpc_flow']) {
    const count = await engine.run(`SELECT count(*) FROM amazon_security_lake_table_us_west_2_${source}_2_0`);
    assert.ok(Number(count.rows[0]?.[0]) > 0, `no rows in ${source}`);
  }
  assert.ok(facts.incident.compromisedUser.userName);
});

for (const query of AWS_SAMPLE_QUERIES) {
  test(`${query.source}: ${query.title}`, () => {
    const result = ran(query);
    const expected = query.columns ?? TABLE_SCHEMAS[query.source].map((column) => column.name);
    assert.deepEqual(
      result.columns.map((c) => c.name),
      expected,
    );
    query.check?.(result);
    // As printed, with the real clock: the same columns (the 2024 data is outside "the last 7 days").
    assert.deepEqual(
      ran(query, printed).columns.map((c) => c.name),
      expected,
    );
  });
}
