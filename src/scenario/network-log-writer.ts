// Writes the organization's network logs: VPC flow logs and Resolver query logs per VPC, WAF logs per web
// ACL, one file per site and hour that has traffic (AWS delivers every few minutes; an hour keeps the file
// count of a small scenario modest). The background follows the same office hours as CloudTrail, and the
// incident's records are woven into the hours they happened in.

import { benignFlows, benignQueries } from './benign-network-traffic.ts';
import { benignRequests } from './benign-web-requests.ts';
import type { DeliveryFileWriter } from './delivery-file-writer.ts';
import { allocateOverTime, SCENARIO_START_MS } from './delivery-schedule.ts';
import type { IncidentNetwork } from './incident-network.ts';
import { resolverFilePath, vpcFlowFilePath, wafFilePath } from './network-delivery-paths.ts';
import type { NetworkTopology } from './network-topology.ts';
import { resolverQueryRecord } from './resolver-query-records.ts';
import { type SeededRandom, streamFor } from './seeded-random.ts';
import { flowLogText } from './vpc-flow-records.ts';
import { wafRequestRecord } from './waf-request-records.ts';

const HOUR_MS = 3_600_000;

export interface NetworkTally {
  vpcFlowFiles: number;
  vpcFlowRecords: number;
  resolverFiles: number;
  resolverQueries: number;
  wafFiles: number;
  wafRequests: number;
}

export interface NetworkJob {
  readonly seed: number;
  readonly topology: NetworkTopology;
  readonly incident: IncidentNetwork;
  /** Background records of all three logs together; half are flows, a quarter each lookups and requests. */
  readonly background: number;
  readonly writer: DeliveryFileWriter;
}

export async function writeNetworkLogs(job: NetworkJob): Promise<NetworkTally> {
  const { seed, topology, incident, writer } = job;
  const flowCount = Math.round(job.background / 2);
  const queryCount = Math.round(job.background / 4);
  const flows = await writeHourly(seed, flowCount, {
    name: 'vpc-flow',
    sites: topology.vpcs,
    planted: incident.flows.map((item) => ({ site: incident.vpc, item })),
    timeMs: (flow) => flow.start * 1000,
    fill: benignFlows,
    write: (rng, vpc, hourMs, items) =>
      writer.write(vpcFlowFilePath(vpc, hourMs + HOUR_MS, rng.hex(8)), flowLogText(vpc, items)),
  });
  const queries = await writeHourly(seed, queryCount, {
    name: 'resolver',
    sites: topology.vpcs,
    planted: incident.queries.map((item) => ({ site: incident.vpc, item })),
    timeMs: (query) => query.timeMs,
    fill: benignQueries,
    write: (rng, vpc, hourMs, items) =>
      writer.writeJsonLines(
        resolverFilePath(vpc, hourMs + HOUR_MS, rng.hex(8)),
        items.map((query) => resolverQueryRecord(vpc, query)),
      ),
  });
  const requests = await writeHourly(seed, job.background - flowCount - queryCount, {
    name: 'waf',
    sites: topology.webAcls,
    planted: incident.requests.map((item) => ({ site: incident.webAcl, item })),
    timeMs: (request) => request.timeMs,
    fill: (rng, _acl, hourMs, count) => benignRequests(rng, hourMs, count),
    write: (rng, acl, hourMs, items) =>
      writer.writeJsonLines(
        wafFilePath(acl, hourMs + HOUR_MS, rng.hex(8)),
        items.map((request) => wafRequestRecord(rng, acl, request)),
      ),
  });
  return {
    vpcFlowFiles: flows.files,
    vpcFlowRecords: flows.records,
    resolverFiles: queries.files,
    resolverQueries: queries.records,
    wafFiles: requests.files,
    wafRequests: requests.records,
  };
}

interface HourlyLog<Site extends { readonly weight: number }, Item> {
  /** Names the log's random streams, so each log's traffic is independent of the others'. */
  readonly name: string;
  readonly sites: readonly Site[];
  readonly planted: readonly { readonly site: Site; readonly item: Item }[];
  readonly timeMs: (item: Item) => number;
  readonly fill: (rng: SeededRandom, site: Site, hourMs: number, count: number) => Item[];
  readonly write: (rng: SeededRandom, site: Site, hourMs: number, items: Item[]) => Promise<void>;
}

/** Writes one file per site and hour with traffic, in a fixed order; returns the files and records written. */
async function writeHourly<Site extends { readonly weight: number }, Item>(
  seed: number,
  background: number,
  log: HourlyLog<Site, Item>,
): Promise<{ files: number; records: number }> {
  const weights = log.sites.map((site) => site.weight);
  const counts = allocateOverTime(streamFor(seed, log.name, 'schedule'), weights, HOUR_MS, background);
  const hours = counts.length / log.sites.length;
  const planted = new Map<number, Item[]>();
  for (const { site, item } of log.planted) {
    const slot = log.sites.indexOf(site) * hours + Math.floor((log.timeMs(item) - SCENARIO_START_MS) / HOUR_MS);
    planted.set(slot, [...(planted.get(slot) ?? []), item]);
  }
  let files = 0;
  let records = 0;
  for (const [s, site] of log.sites.entries()) {
    for (let hour = 0; hour < hours; hour++) {
      const slot = s * hours + hour;
      const fixed = planted.get(slot);
      if ((counts[slot] ?? 0) === 0 && fixed === undefined) continue;
      const rng = streamFor(seed, log.name, s, hour);
      const hourMs = SCENARIO_START_MS + hour * HOUR_MS;
      const items = log.fill(rng, site, hourMs, counts[slot] ?? 0);
      if (fixed !== undefined) {
        items.push(...fixed);
        items.sort((x, y) => log.timeMs(x) - log.timeMs(y));
      }
      await log.write(rng, site, hourMs, items);
      files++;
      records += items.length;
    }
  }
  return { files, records };
}
