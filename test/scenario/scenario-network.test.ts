// The scenario's network logs, read back from the raw files: where they are delivered, in which formats,
// how many, and the attacker's traffic among them exactly as ScenarioFacts describes it.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateScenario } from '../../src/scenario/scenario-generator.ts';
import { field, type Json, readFlowLogs, readResolverQueries, readWafRequests } from './delivered-files.ts';

const root = await mkdtemp(join(tmpdir(), 'tarn-scenario-network-'));
after(() => rm(root, { recursive: true, force: true }));

const NETWORK_EVENTS = 1200;
const facts = await generateScenario({ outDir: root, events: 1500, seed: 9, networkEvents: NETWORK_EVENTS });
const flows = await readFlowLogs(root);
const queries = await readResolverQueries(root);
const requests = await readWafRequests(root);
const { network } = facts;
const attackerIps: readonly string[] = facts.incident.attackerIps;

const DEFAULT_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const files = (list: readonly { file: string }[]) => new Set(list.map((r) => r.file)).size;

test('the counts in the facts are the files and records written: the background asked for plus the incident', () => {
  const { counts } = facts;
  assert.equal(counts.vpcFlowRecords, flows.length);
  assert.equal(counts.vpcFlowFiles, files(flows));
  assert.equal(counts.resolverQueries, queries.length);
  assert.equal(counts.resolverFiles, files(queries));
  assert.equal(counts.wafRequests, requests.length);
  assert.equal(counts.wafFiles, files(requests));
  const incident = network.flows.length + network.lookups.length + network.webAcl.requests;
  assert.equal(flows.length + queries.length + requests.length, NETWORK_EVENTS + incident);
});

test('flow logs: under vpcflowlogs/<region>/ named as AWS names them; the custom v5 format in prod, the default elsewhere', () => {
  const name =
    /^AWSLogs\/(\d{12})\/vpcflowlogs\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_vpcflowlogs_\2_fl-[0-9a-f]{17}_(\d{8})T\d{4}Z_[0-9a-f]{8}\.log\.gz$/;
  for (const { file, value } of flows) {
    const match = name.exec(file);
    assert.ok(match, `unexpected path ${file}`);
    assert.equal(`${match[3]}${match[4]}${match[5]}`, match[6]);
    assert.equal(value.fields['account-id'], match[1]);
    const custom = match[1] === facts.incidentAccountId;
    assert.equal(value.header === DEFAULT_HEADER, !custom, file);
    assert.equal(value.fields.version, custom ? '5' : '2');
    if (custom) assert.equal(value.fields.region, match[2]);
  }
  const accounts = new Set(flows.map((f) => f.value.fields['account-id']));
  assert.deepEqual(accounts, new Set(facts.accountIds));
  assert.ok(
    flows.some((f) => f.value.fields.action === 'REJECT') && flows.some((f) => f.value.fields.action === 'ACCEPT'),
  );
});

test('Resolver and WAF logs: every account resolves names; two accounts have web ACLs; both kinds of answers', () => {
  assert.deepEqual(new Set(queries.map((q) => q.value.account_id)), new Set(facts.accountIds));
  for (const { file, value } of queries) assert.ok(file.includes(`/vpcdnsquerylogs/${value.vpc_id}/`), file);
  assert.ok(queries.some((q) => q.value.rcode === 'NXDOMAIN'));
  for (const { file, value } of requests) {
    const [, , , region, account] = String(value.webaclId).split(':');
    assert.ok(file.startsWith(`AWSLogs/${account}/WAFLogs/${region}/`), file);
  }
  assert.equal(new Set(requests.map((r) => String(r.value.webaclId).split(':')[4])).size, 2);
});

test('the attacker probes the shop web ACL from the address it later uses the key from; the managed rules block some', () => {
  const fromAttacker = requests.filter((r) => attackerIps.includes(String(field(r.value, 'httpRequest.clientIp'))));
  assert.equal(fromAttacker.length, network.webAcl.requests);
  const blocked = fromAttacker.filter((r) => r.value.action === 'BLOCK');
  assert.equal(blocked.length, network.webAcl.blocked);
  assert.ok(blocked.length > 0 && blocked.length < fromAttacker.length);
  for (const { value } of fromAttacker) {
    assert.equal(value.webaclId, network.webAcl.arn);
    assert.equal(field(value, 'httpRequest.clientIp'), network.webAcl.clientIp);
  }
  assert.ok(attackerIps.includes(network.webAcl.clientIp));
});

test('the backup server resolves the attacker domain to the attacker addresses, and only it does', () => {
  const rdata = (query: Json) => (query.answers as Json[]).map((answer) => String(answer.Rdata));
  const toAttacker = queries.filter(
    (q) => q.value.query_name === network.domain || rdata(q.value).some((ip) => attackerIps.includes(ip)),
  );
  assert.deepEqual(
    toAttacker.map((q) => [q.value.query_timestamp, ...rdata(q.value)]),
    network.lookups.map((l) => [l.time.replace('.000Z', 'Z'), l.resolvedIp]),
  );
  for (const { value } of toAttacker) {
    assert.equal(field(value, 'srcids.instance'), network.instance.id);
    assert.equal(value.srcaddr, network.instance.privateIp);
    assert.equal(value.vpc_id, network.instance.vpcId);
  }
  assert.deepEqual(new Set(network.lookups.map((l) => l.resolvedIp)), new Set(attackerIps));
});

test('the flows to and from the attacker addresses are the facts’ flows, refused and accepted, on the backup server', () => {
  const attacker = flows.filter(
    (f) => attackerIps.includes(f.value.fields.srcaddr ?? '') || attackerIps.includes(f.value.fields.dstaddr ?? ''),
  );
  const seen = attacker.map(({ value: { fields } }) => ({
    start: new Date(Number(fields.start) * 1000).toISOString(),
    direction: fields['flow-direction'],
    srcIp: fields.srcaddr,
    dstIp: fields.dstaddr,
    dstPort: Number(fields.dstport),
    action: fields.action,
    bytes: Number(fields.bytes),
  }));
  assert.deepEqual(seen, network.flows);
  for (const { value } of attacker) {
    assert.equal(value.fields['instance-id'], network.instance.id);
    assert.equal(value.fields['vpc-id'], network.instance.vpcId);
  }
  assert.deepEqual(new Set(network.flows.map((f) => f.action)), new Set(['ACCEPT', 'REJECT']));
  // The story's order: the lookup, then the upload, then the first use of the stolen key.
  const firstUpload = network.flows.find((f) => f.direction === 'egress' && f.action === 'ACCEPT');
  assert.ok((network.lookups[0]?.time ?? '') < (firstUpload?.start ?? ''));
  assert.ok((firstUpload?.start ?? '') < new Date(facts.incident.timeRange.start).toISOString());
});
