// Raw files of one native source at a time for the per-source bench, written as AWS delivers them with the
// scenario's own builders (its organization, networks and benign traffic), EVENTS_PER_FILE events a file so
// that every source pays the same per-file cost. Deterministic from the seed, like the scenario.

import { join } from 'node:path';
import { BenignActivity } from '../src/scenario/benign-activity.ts';
import { buildBenignFindings } from '../src/scenario/benign-findings.ts';
import { benignFlows, benignQueries } from '../src/scenario/benign-network-traffic.ts';
import { benignRequests } from '../src/scenario/benign-web-requests.ts';
import type { CloudTrailRecord } from '../src/scenario/cloudtrail-record-builder.ts';
import { cloudTrailFilePath, DeliveryFileWriter, datePath } from '../src/scenario/delivery-file-writer.ts';
import { SCENARIO_START_MS, WINDOW_MS } from '../src/scenario/delivery-schedule.ts';
import { eventBridgeEnvelope } from '../src/scenario/finding-builder.ts';
import { resolverFilePath, vpcFlowFilePath, wafFilePath } from '../src/scenario/network-delivery-paths.ts';
import { buildNetworkTopology, type NetworkTopology } from '../src/scenario/network-topology.ts';
import { buildOrganization, type Organization, REGIONS } from '../src/scenario/organization.ts';
import { resolverQueryRecord } from '../src/scenario/resolver-query-records.ts';
import { type SeededRandom, streamFor } from '../src/scenario/seeded-random.ts';
import { flowLogText } from '../src/scenario/vpc-flow-records.ts';
import { wafRequestRecord } from '../src/scenario/waf-request-records.ts';
import { eksAuditEvent } from './eks-audit-events.ts';

export const BENCH_SOURCES = [
  'cloud_trail_mgmt',
  's3_data',
  'sh_findings',
  'vpc_flow',
  'route53',
  'waf',
  'eks_audit',
] as const;
export type BenchSource = (typeof BENCH_SOURCES)[number];
export const EVENTS_PER_FILE = 200;

const HOUR_MS = 3_600_000;
/** Files are spread over the scenario's 20 days, an hour apart. */
const HOURS = 480;

interface FileJob {
  readonly rng: SeededRandom;
  readonly org: Organization;
  readonly topology: NetworkTopology;
  readonly benign: BenignActivity;
  readonly writer: DeliveryFileWriter;
  readonly file: number;
  readonly hourMs: number;
  readonly count: number;
}

/** Writes `events` events of `source` under `outDir`; returns the files written. */
export async function writeSourceSamples(
  outDir: string,
  source: BenchSource,
  events: number,
  seed = 42,
): Promise<number> {
  const org = buildOrganization(seed);
  const common = { org, topology: buildNetworkTopology(seed, org), benign: new BenignActivity(seed, org) };
  const writer = new DeliveryFileWriter(outDir);
  let file = 0;
  try {
    for (let written = 0; written < events; written += EVENTS_PER_FILE, file++) {
      const count = Math.min(EVENTS_PER_FILE, events - written);
      const rng = streamFor(seed, 'bench', source, file);
      const hourMs = SCENARIO_START_MS + (file % HOURS) * HOUR_MS;
      await WRITERS[source]({ ...common, rng, writer, file, hourMs, count });
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return file;
}

const isManagement = (record: CloudTrailRecord) => record.eventCategory !== 'Data';
const isS3Data = (record: CloudTrailRecord) =>
  record.eventCategory === 'Data' && record.eventSource === 's3.amazonaws.com';

/** One delivery file of CloudTrail records of one kind, drawn from the scenario's benign catalog. */
function cloudTrail(keep: (record: CloudTrailRecord) => boolean) {
  return async (job: FileJob): Promise<void> => {
    const account = pickSite(job.org.accounts, job.file);
    const region = pickSite(REGIONS, job.file);
    const records: { timeMs: number; record: CloudTrailRecord }[] = [];
    while (records.length < job.count) {
      const drawn = job.benign.fillWindow(job.rng, account, region, job.hourMs, job.count * 2);
      records.push(...drawn.filter((timed) => keep(timed.record)));
    }
    const kept = records.slice(0, job.count).sort((x, y) => x.timeMs - y.timeMs);
    const path = cloudTrailFilePath(account.id, region, job.hourMs + WINDOW_MS, job.rng.alnum(16));
    await job.writer.writeCloudTrail(
      path,
      kept.map((timed) => timed.record),
    );
  };
}

const WRITERS: Readonly<Record<BenchSource, (job: FileJob) => Promise<void>>> = {
  cloud_trail_mgmt: cloudTrail(isManagement),
  s3_data: cloudTrail(isS3Data),
  async sh_findings(job) {
    const findings = [];
    while (findings.length < job.count) findings.push(...buildBenignFindings(job.rng.nextUint32(), job.org, REGIONS));
    const envelopes = findings.slice(0, job.count).map((finding) => eventBridgeEnvelope(job.rng, finding));
    await job.writer.writeJsonLines(join('securityhub', `findings-${job.file}.jsonl.gz`), envelopes);
  },
  async vpc_flow(job) {
    const vpc = pickSite(job.topology.vpcs, job.file);
    const flows = benignFlows(job.rng, vpc, job.hourMs, job.count);
    await job.writer.write(vpcFlowFilePath(vpc, job.hourMs + HOUR_MS, job.rng.hex(8)), flowLogText(vpc, flows));
  },
  async route53(job) {
    const vpc = pickSite(job.topology.vpcs, job.file);
    const queries = benignQueries(job.rng, vpc, job.hourMs, job.count).map((query) => resolverQueryRecord(vpc, query));
    await job.writer.writeJsonLines(resolverFilePath(vpc, job.hourMs + HOUR_MS, job.rng.hex(8)), queries);
  },
  async waf(job) {
    const acl = pickSite(job.topology.webAcls, job.file);
    const requests = benignRequests(job.rng, job.hourMs, job.count).map((request) =>
      wafRequestRecord(job.rng, acl, request),
    );
    await job.writer.writeJsonLines(wafFilePath(acl, job.hourMs + HOUR_MS, job.rng.hex(8)), requests);
  },
  async eks_audit(job) {
    const vpc = pickSite(job.topology.vpcs, job.file);
    const times = Array.from({ length: job.count }, () => job.hourMs + job.rng.int(HOUR_MS)).sort((x, y) => x - y);
    const { dir } = datePath(job.hourMs);
    const path = `AWSLogs/${vpc.accountId}/EKS/${vpc.region}/prod/${dir}/audit-${job.file}.log.gz`;
    await job.writer.writeJsonLines(
      path,
      times.map((timeMs) => eksAuditEvent(job.rng, timeMs)),
    );
  },
};

function pickSite<T>(sites: readonly T[], file: number): T {
  return sites[file % sites.length] as T;
}
