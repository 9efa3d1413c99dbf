// One delivery file of each per-source bench sample, written with the scenario's builders as AWS delivers it:
// gzipped through the scenario's DeliveryFileWriter, or as Parquet straight to disk.

import { join } from 'node:path';
import type { BenignActivity } from '../src/scenario/benign-activity.ts';
import { buildBenignFindings } from '../src/scenario/benign-findings.ts';
import { benignFlows, benignQueries } from '../src/scenario/benign-network-traffic.ts';
import { benignRequests } from '../src/scenario/benign-web-requests.ts';
import type { CloudTrailRecord } from '../src/scenario/cloudtrail-record-builder.ts';
import { cloudTrailFilePath, type DeliveryFileWriter, datePath } from '../src/scenario/delivery-file-writer.ts';
import { WINDOW_MS } from '../src/scenario/delivery-schedule.ts';
import { eventBridgeEnvelope } from '../src/scenario/finding-builder.ts';
import { resolverFilePath, vpcFlowFilePath, wafFilePath } from '../src/scenario/network-delivery-paths.ts';
import type { NetworkTopology } from '../src/scenario/network-topology.ts';
import { type Organization, REGIONS } from '../src/scenario/organization.ts';
import { resolverQueryRecord } from '../src/scenario/resolver-query-records.ts';
import type { SeededRandom } from '../src/scenario/seeded-random.ts';
import { flowLogText } from '../src/scenario/vpc-flow-records.ts';
import { wafRequestRecord } from '../src/scenario/waf-request-records.ts';
import { eksAuditEvent } from './eks-audit-events.ts';
import { parquetFlowPath, writeFlowLogParquet } from './flow-parquet-samples.ts';
import { apiActivityEvent } from './ocsf-api-events.ts';

export const HOUR_MS = 3_600_000;

/** The samples written file by file (archives are packed from another sample's files). */
export type FileSample =
  | 'cloud_trail_mgmt'
  | 's3_data'
  | 'lambda_execution'
  | 'sh_findings'
  | 'vpc_flow'
  | 'vpc_flow_parquet'
  | 'route53'
  | 'waf'
  | 'eks_audit'
  | 'ext_api_activity';

export interface FileJob {
  readonly rng: SeededRandom;
  readonly org: Organization;
  readonly topology: NetworkTopology;
  readonly benign: BenignActivity;
  readonly writer: DeliveryFileWriter;
  /** Where files the writer does not gzip (Parquet) go. */
  readonly outDir: string;
  readonly file: number;
  readonly hourMs: number;
  readonly count: number;
}

const isManagement = (record: CloudTrailRecord) => record.eventCategory !== 'Data';
const isDataOf = (eventSource: string) => (record: CloudTrailRecord) =>
  record.eventCategory === 'Data' && record.eventSource === eventSource;

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

/** One flow log file of a VPC's benign flows, in the VPC's text format. */
function flowLog(job: FileJob): { path: string; text: string } {
  const vpc = pickSite(job.topology.vpcs, job.file);
  const flows = benignFlows(job.rng, vpc, job.hourMs, job.count);
  return { path: vpcFlowFilePath(vpc, job.hourMs + HOUR_MS, job.rng.hex(8)), text: flowLogText(vpc, flows) };
}

/** Times spread over the file's hour, in order, as a log file holds them. */
function sortedTimes(job: FileJob): number[] {
  return Array.from({ length: job.count }, () => job.hourMs + job.rng.int(HOUR_MS)).sort((x, y) => x - y);
}

export const FILE_WRITERS: Readonly<Record<FileSample, (job: FileJob) => Promise<void>>> = {
  cloud_trail_mgmt: cloudTrail(isManagement),
  s3_data: cloudTrail(isDataOf('s3.amazonaws.com')),
  lambda_execution: cloudTrail(isDataOf('lambda.amazonaws.com')),
  async sh_findings(job) {
    const findings = [];
    while (findings.length < job.count) findings.push(...buildBenignFindings(job.rng.nextUint32(), job.org, REGIONS));
    const envelopes = findings.slice(0, job.count).map((finding) => eventBridgeEnvelope(job.rng, finding));
    await job.writer.writeJsonLines(join('securityhub', `findings-${job.file}.jsonl.gz`), envelopes);
  },
  async vpc_flow(job) {
    const { path, text } = flowLog(job);
    await job.writer.write(path, text);
  },
  async vpc_flow_parquet(job) {
    const { path, text } = flowLog(job);
    await writeFlowLogParquet(join(job.outDir, parquetFlowPath(path)), text);
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
    const times = sortedTimes(job);
    const { dir } = datePath(job.hourMs);
    const path = `AWSLogs/${vpc.accountId}/EKS/${vpc.region}/prod/${dir}/audit-${job.file}.log.gz`;
    await job.writer.writeJsonLines(
      path,
      times.map((timeMs) => eksAuditEvent(job.rng, timeMs)),
    );
  },
  async ext_api_activity(job) {
    const account = pickSite(job.org.accounts, job.file);
    const region = pickSite(REGIONS, job.file);
    const events = sortedTimes(job).map((timeMs) => apiActivityEvent(job.rng, job.org, account, region, timeMs));
    await job.writer.writeJsonLines(join('acme-api', account.id, region, `events-${job.file}.jsonl.gz`), events);
  },
};

function pickSite<T>(sites: readonly T[], file: number): T {
  return sites[file % sites.length] as T;
}
