// The scenario's network logs through the whole path: generated, ingested with no rejects into the demo's
// lake (rollup region us-west-2), and the incident found across sources: the walkthrough's cross-source
// step joins Service_Backup's CloudTrail addresses to VPC flows and Resolver answers. Expectations come
// from ScenarioFacts, never from the lake.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import type { IngestSummary } from '../../src/lake/ingest-summary.ts';
import { openQueryEngine, type QueryEngine } from '../../src/query/index.ts';
import { incidentWalkthrough } from '../../src/scenario/incident-walkthrough.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { engineTime } from './engine-rows.ts';

const TABLE = 'amazon_security_lake_table_us_west_2';

let root: string;
let facts: ScenarioFacts;
let summary: IngestSummary;
let engine: QueryEngine;

before(async () => {
  root = tempDir('tarn-e2e-network-');
  facts = await generateScenario({ outDir: join(root, 'data'), events: 1500, seed: 4 });
  summary = await ingest({ lakeDir: join(root, 'lake'), paths: [join(root, 'data')], rollupRegion: 'us-west-2' });
  engine = await openQueryEngine({ lakeDir: join(root, 'lake') });
});

after(async () => {
  await engine?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

test('every generated record lands: no rejects, and each network table holds what the facts count', () => {
  assert.deepEqual(summary.rejected, []);
  assert.equal(summary.rows.vpc_flow, facts.counts.vpcFlowRecords);
  assert.equal(summary.rows.route53, facts.counts.resolverQueries);
  assert.equal(summary.rows.waf, facts.counts.wafRequests);
  assert.equal(summary.rows.cloud_trail_mgmt, facts.counts.managementEvents);
  assert.equal(summary.rows.sh_findings, facts.counts.findings);
});

test('the cross-source step finds the backup server, the attacker domain and every flow to or from the addresses', async () => {
  const step = incidentWalkthrough(facts).find((s) => s.sql.includes('_vpc_flow_2_0'));
  assert.ok(step, 'the walkthrough has a step over the flow logs');
  assert.match(step.sql, /_cloud_trail_mgmt_2_0/);
  assert.match(step.sql, /_route53_2_0/);
  const result = await engine.run(step.sql);
  assert.deepEqual(
    result.columns.map((c) => c.name),
    ['time_dt', 'instance', 'domain', 'direction', 'src_ip', 'dst_ip', 'dst_port', 'action', 'bytes'],
  );
  const { network } = facts;
  const direction = { ingress: 'Inbound', egress: 'Outbound' } as const;
  const action = { ACCEPT: 'Allowed', REJECT: 'Denied' } as const;
  const expected = network.flows
    .map((flow) => [
      engineTime(flow.start),
      network.instance.id,
      network.domain,
      direction[flow.direction],
      flow.srcIp,
      flow.dstIp,
      flow.dstPort,
      action[flow.action],
      flow.bytes,
    ])
    .sort((x, y) => (`${x[0]} ${x[3]}` < `${y[0]} ${y[3]}` ? -1 : 1));
  assert.deepEqual(
    result.rows.map((row) => row.map((value) => (typeof value === 'bigint' ? Number(value) : value))),
    expected,
  );
  // Both of the addresses CloudTrail has for Service_Backup are in the answer.
  const remote = new Set(
    result.rows.flatMap((row) => [row[4], row[5]]).filter((ip) => ip !== network.instance.privateIp),
  );
  assert.deepEqual(remote, new Set(facts.incident.attackerIps));
});

test('WAF: the probe from the attacker address, with the requests the managed rules blocked', async () => {
  const { webAcl } = facts.network;
  const result = await engine.run(
    `SELECT disposition, count(*) FROM ${TABLE}_waf_2_0
     WHERE src_endpoint.ip = '${webAcl.clientIp}' AND metadata.product.feature.uid = '${webAcl.arn}'
     GROUP BY disposition ORDER BY disposition`,
  );
  assert.deepEqual(
    result.rows.map(([disposition, count]) => [disposition, Number(count)]),
    [
      ['Allowed', webAcl.requests - webAcl.blocked],
      ['Blocked', webAcl.blocked],
    ],
  );
});

test('Route 53: the lookups of the attacker domain, by the backup server, answered with the attacker addresses', async () => {
  const { network } = facts;
  const result = await engine.run(
    `SELECT time_dt, src_endpoint.instance_uid, answers[1].rdata FROM ${TABLE}_route53_2_0
     WHERE query.hostname = '${network.domain}' ORDER BY time_dt`,
  );
  assert.deepEqual(
    result.rows,
    network.lookups.map((lookup) => [engineTime(lookup.time), network.instance.id, lookup.resolvedIp]),
  );
});
