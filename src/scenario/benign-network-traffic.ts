// One hour of a VPC's everyday traffic: workloads calling AWS endpoints and vendors, the API talking to
// its database, customers reaching the web servers, and the scanners every public address gets (refused
// by the security groups); and the DNS lookups the instances make for those names.

import { customer, scanner, serviceEndpoint } from './internet-addresses.ts';
import type { Instance, Vpc } from './network-topology.ts';
import type { ResolverQuery } from './resolver-query-records.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { Flow } from './vpc-flow-records.ts';

const SCANNED_PORTS = [22, 23, 445, 3389, 5900, 8080];
/** VPC Flow Logs' traffic-path codes: 1 within the VPC, 7 through a gateway endpoint, 8 an internet gateway. */
const SAME_VPC = 1;
const GATEWAY_ENDPOINT = 7;
const INTERNET_GATEWAY = 8;
const NXDOMAIN_NAMES = ['wpad.ec2.internal.', '_ldap._tcp.acme.internal.', 'metrics.acme.internal.'];

function ephemeralPort(rng: SeededRandom): number {
  return rng.between(32768, 60999);
}

/** `count` flows spread over the hour starting at `hourMs`, in time order. */
export function benignFlows(rng: SeededRandom, vpc: Vpc, hourMs: number, count: number): Flow[] {
  const flows: Flow[] = [];
  const web = vpc.instances.filter((i) => i.web);
  const database = vpc.instances.find((i) => i.name === 'postgres-1') as Instance;
  for (let n = 0; n < count; n++) {
    const start = Math.floor(hourMs / 1000) + rng.int(3540);
    const roll = rng.next();
    const instance = rng.pick(vpc.instances);
    const common = { start, end: start + 60, tcpFlags: 19 };
    if (roll < 0.4) {
      const endpoint = serviceEndpoint(rng, vpc.region);
      const packets = rng.between(4, 400);
      const path = endpoint.awsService === 'S3' ? GATEWAY_ENDPOINT : INTERNET_GATEWAY;
      flows.push({
        ...common,
        instance,
        direction: 'egress',
        srcaddr: instance.privateIp,
        dstaddr: endpoint.ip,
        srcport: ephemeralPort(rng),
        dstport: 443,
        protocol: 6,
        packets,
        bytes: packets * rng.between(60, 1400),
        action: 'ACCEPT',
        trafficPath: path,
        ...(endpoint.awsService === undefined ? {} : { dstAwsService: endpoint.awsService }),
      });
    } else if (roll < 0.65) {
      const client = instance === database ? (vpc.instances[0] as Instance) : instance;
      const packets = rng.between(6, 120);
      flows.push({
        ...common,
        instance: client,
        direction: 'egress',
        srcaddr: client.privateIp,
        dstaddr: database.privateIp,
        srcport: ephemeralPort(rng),
        dstport: 5432,
        protocol: 6,
        packets,
        bytes: packets * rng.between(80, 900),
        action: 'ACCEPT',
        trafficPath: SAME_VPC,
      });
    } else if (roll < 0.88) {
      const target = rng.pick(web);
      const packets = rng.between(8, 60);
      flows.push({
        ...common,
        instance: target,
        direction: 'ingress',
        srcaddr: customer(rng).ip,
        dstaddr: target.privateIp,
        srcport: ephemeralPort(rng),
        dstport: 443,
        protocol: 6,
        packets,
        bytes: packets * rng.between(60, 600),
        action: 'ACCEPT',
      });
    } else {
      const packets = rng.between(1, 2);
      flows.push({
        ...common,
        instance,
        direction: 'ingress',
        srcaddr: scanner(rng).ip,
        dstaddr: instance.privateIp,
        srcport: ephemeralPort(rng),
        dstport: rng.pick(SCANNED_PORTS),
        protocol: 6,
        packets,
        bytes: packets * 44,
        action: 'REJECT',
        tcpFlags: 2,
      });
    }
  }
  return flows.sort((x, y) => x.start - y.start);
}

/** `count` lookups over the hour starting at `hourMs`, in time order. */
export function benignQueries(rng: SeededRandom, vpc: Vpc, hourMs: number, count: number): ResolverQuery[] {
  const queries: ResolverQuery[] = [];
  const database = vpc.instances.find((i) => i.name === 'postgres-1') as Instance;
  for (let n = 0; n < count; n++) {
    const timeMs = hourMs + rng.int(3_600_000);
    const instance = rng.pick(vpc.instances);
    const base = { timeMs, instance, srcport: ephemeralPort(rng) };
    const roll = rng.next();
    if (roll < 0.75) {
      const endpoint = serviceEndpoint(rng, vpc.region);
      queries.push({
        ...base,
        name: endpoint.hostname,
        type: 'A',
        rcode: 'NOERROR',
        answers: [{ type: 'A', rdata: endpoint.ip }],
      });
    } else if (roll < 0.9) {
      const name = `${database.name}.${vpc.region}.acme.internal.`;
      queries.push({ ...base, name, type: 'A', rcode: 'NOERROR', answers: [{ type: 'A', rdata: database.privateIp }] });
    } else {
      queries.push({ ...base, name: rng.pick(NXDOMAIN_NAMES), type: 'A', rcode: 'NXDOMAIN', answers: [] });
    }
  }
  return queries.sort((x, y) => x.timeMs - y.timeMs);
}
