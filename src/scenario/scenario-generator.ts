// Generates the synthetic organization's raw logs: benign CloudTrail traffic with the incident
// woven into it, Security Hub findings, and VPC flow, Resolver query and WAF logs with the attacker's
// traffic among the everyday traffic, streamed to disk one delivery file at a time.

import { planNightlyBackups } from './backup-schedule.ts';
import { BenignActivity, type PlantedRecord, type TimedRecord } from './benign-activity.ts';
import { buildBenignFindings } from './benign-findings.ts';
import type { CloudTrailRecord } from './cloudtrail-record-builder.ts';
import { cloudTrailFilePath, DeliveryFileWriter, findingsFilePath } from './delivery-file-writer.ts';
import { allocateCounts, slotIndex, slotOf, WINDOW_COUNT, WINDOW_MS, windowStartMs } from './delivery-schedule.ts';
import { type AsffFinding, eventBridgeEnvelope } from './finding-builder.ts';
import { buildIncidentFindings } from './incident-findings.ts';
import { planIncidentNetwork } from './incident-network.ts';
import { planIncident } from './incident-script.ts';
import { writeNetworkLogs } from './network-log-writer.ts';
import { buildNetworkTopology } from './network-topology.ts';
import { buildOrganization, type Organization, REGIONS } from './organization.ts';
import type { DeliveryCounts, ScenarioFacts, TimeRange } from './scenario-facts.ts';
import { streamFor } from './seeded-random.ts';

export type {
  CreatedUserFact,
  DeliveryCounts,
  IncidentFacts,
  NetworkIncidentFacts,
  ScenarioFacts,
} from './scenario-facts.ts';

export interface ScenarioOptions {
  readonly outDir: string;
  /** Total CloudTrail records to write, the incident's included. */
  readonly events: number;
  readonly seed: number;
  /**
   * Everyday network log records (VPC flows, Resolver queries, WAF requests) besides the incident's;
   * a quarter of the CloudTrail events when not given.
   */
  readonly networkEvents?: number;
  /** Called after each delivery file with the number of CloudTrail records written so far. */
  readonly onProgress?: (written: number) => void;
}

type Tally = { -readonly [K in keyof DeliveryCounts]: DeliveryCounts[K] };

export async function generateScenario(options: ScenarioOptions): Promise<ScenarioFacts> {
  const { outDir, events, seed, onProgress } = options;
  const networkEvents = options.networkEvents ?? Math.floor(events / 4);
  if (!Number.isSafeInteger(networkEvents) || networkEvents < 0) {
    throw new RangeError(`networkEvents must be a whole number, got ${networkEvents}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const org = buildOrganization(seed);
  const incident = planIncident(seed, org);
  const planted = [...incident.records, ...planNightlyBackups(seed, org)];
  if (!Number.isSafeInteger(events) || events < planted.length) {
    throw new RangeError(`events must be an integer of at least ${planted.length}, got ${events}`);
  }
  const plantedBySlot = groupBySlot(
    org.accounts.map((account) => account.id),
    planted,
  );
  const counts = allocateCounts(
    seed,
    org.accounts.map((account) => account.weight),
    events - planted.length,
  );
  const writer = new DeliveryFileWriter(outDir);
  const tally: Tally = {
    cloudTrailFiles: 0,
    cloudTrailRecords: 0,
    managementEvents: 0,
    s3DataEvents: 0,
    lambdaDataEvents: 0,
    findingFiles: 0,
    findings: 0,
    vpcFlowFiles: 0,
    vpcFlowRecords: 0,
    resolverFiles: 0,
    resolverQueries: 0,
    wafFiles: 0,
    wafRequests: 0,
  };
  const topology = buildNetworkTopology(seed, org);
  const network = planIncidentNetwork(seed, topology);
  const incidentFindings = buildIncidentFindings(seed, incident.facts);
  const findings = [...incidentFindings.findings, ...buildBenignFindings(seed, org, REGIONS)];
  let timeRange: TimeRange;
  try {
    timeRange = await writeTrail({ seed, org, counts, plantedBySlot, writer, tally, onProgress });
    tally.findings = findings.length;
    tally.findingFiles = await writeFindings(writer, seed, findings);
    Object.assign(
      tally,
      await writeNetworkLogs({ seed, topology, incident: network, background: networkEvents, writer }),
    );
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }

  return {
    seed,
    outDir,
    incidentAccountId: incident.facts.accountId,
    accountIds: org.accounts.map((account) => account.id),
    regions: [...REGIONS],
    timeRange,
    incident: incident.facts,
    findings: { guardDutyIds: incidentFindings.guardDutyIds, macieIds: incidentFindings.macieIds },
    network: network.facts,
    counts: tally,
  };
}

interface TrailJob {
  readonly seed: number;
  readonly org: Organization;
  readonly counts: Uint32Array;
  readonly plantedBySlot: ReadonlyMap<number, readonly PlantedRecord[]>;
  readonly writer: DeliveryFileWriter;
  readonly tally: Tally;
  readonly onProgress: ((written: number) => void) | undefined;
}

/** Writes every delivery file, slot by slot in a fixed order; returns the span of the events written. */
async function writeTrail(job: TrailJob): Promise<TimeRange> {
  const { seed, org, counts, plantedBySlot, writer, tally } = job;
  const benign = new BenignActivity(seed, org);
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const [a, account] of org.accounts.entries()) {
    for (const [r, region] of REGIONS.entries()) {
      for (let window = 0; window < WINDOW_COUNT; window++) {
        const slot = slotIndex({ accountIndex: a, regionIndex: r, window });
        const benignCount = counts[slot] ?? 0;
        const fixed = plantedBySlot.get(slot);
        if (benignCount === 0 && fixed === undefined) continue;
        const rng = streamFor(seed, 'window', account.id, region, window);
        const unique = rng.alnum(16);
        const startMs = windowStartMs(window);
        const records: TimedRecord[] = benign.fillWindow(rng, account, region, startMs, benignCount);
        if (fixed !== undefined) {
          records.push(...fixed);
          records.sort((x, y) => x.timeMs - y.timeMs);
        }
        firstMs = Math.min(firstMs, records[0]?.timeMs ?? firstMs);
        lastMs = Math.max(lastMs, records[records.length - 1]?.timeMs ?? lastMs);
        for (const { record } of records) countKind(tally, record);
        tally.cloudTrailFiles++;
        tally.cloudTrailRecords += records.length;
        const path = cloudTrailFilePath(account.id, region, startMs + WINDOW_MS, unique);
        await writer.writeCloudTrail(
          path,
          records.map((timed) => timed.record),
        );
        job.onProgress?.(tally.cloudTrailRecords);
      }
    }
  }
  return { start: new Date(firstMs).toISOString(), end: new Date(lastMs).toISOString() };
}

function groupBySlot(accountIds: readonly string[], records: readonly PlantedRecord[]): Map<number, PlantedRecord[]> {
  const bySlot = new Map<number, PlantedRecord[]>();
  for (const record of records) {
    const slot = slotIndex(slotOf(accountIds.indexOf(record.accountId), record.region, record.timeMs));
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), record]);
  }
  return bySlot;
}

function countKind(tally: Tally, record: CloudTrailRecord): void {
  if (record.eventCategory !== 'Data') tally.managementEvents++;
  else if (record.eventSource === 'lambda.amazonaws.com') tally.lambdaDataEvents++;
  else tally.s3DataEvents++;
}

/** Groups the EventBridge events into hourly files per account and region; returns the file count. */
async function writeFindings(
  writer: DeliveryFileWriter,
  seed: number,
  findings: readonly AsffFinding[],
): Promise<number> {
  const rng = streamFor(seed, 'eventbridge');
  const files = new Map<string, Record<string, unknown>[]>();
  const key = (finding: AsffFinding): string => `${finding.UpdatedAt} ${finding.Id}`;
  const ordered = [...findings].sort((x, y) => compareText(key(x), key(y)));
  for (const finding of ordered) {
    const path = findingsFilePath(
      String(finding.AwsAccountId),
      String(finding.Region),
      Date.parse(String(finding.UpdatedAt)),
    );
    files.set(path, [...(files.get(path) ?? []), eventBridgeEnvelope(rng, finding)]);
  }
  for (const [path, envelopes] of [...files.entries()].sort(([x], [y]) => compareText(x, y))) {
    await writer.writeJsonLines(path, envelopes);
  }
  return files.size;
}

/** Code-unit order, independent of the machine's locale. */
function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
