// Raw files of one source at a time for the per-source bench, written as AWS delivers them with the
// scenario's own builders (its organization, networks and benign traffic), EVENTS_PER_FILE events a file so
// that every source pays the same per-file cost. Deterministic from the seed, like the scenario. Beside the
// native tables: VPC flow logs as Parquet, the CloudTrail management files packed in one zip and in one
// tar.gz, and a custom source's OCSF events.

import { join } from 'node:path';
import { BenignActivity } from '../src/scenario/benign-activity.ts';
import { DeliveryFileWriter } from '../src/scenario/delivery-file-writer.ts';
import { SCENARIO_START_MS } from '../src/scenario/delivery-schedule.ts';
import { buildNetworkTopology } from '../src/scenario/network-topology.ts';
import { buildOrganization } from '../src/scenario/organization.ts';
import { streamFor } from '../src/scenario/seeded-random.ts';
import { type ArchiveKind, writeArchive } from './archive-samples.ts';
import { FILE_WRITERS, type FileSample, HOUR_MS } from './sample-file-writers.ts';

export const BENCH_SOURCES = [
  'cloud_trail_mgmt',
  's3_data',
  'sh_findings',
  'vpc_flow',
  'route53',
  'waf',
  'eks_audit',
  'lambda_execution',
  'vpc_flow_parquet',
  'cloud_trail_zip',
  'cloud_trail_tar_gz',
  'ext_api_activity',
] as const;
export type BenchSource = (typeof BENCH_SOURCES)[number];
export const EVENTS_PER_FILE = 200;

/** The custom source the OCSF sample is ingested into, and its key in ingest summaries and the ledger. */
export const CUSTOM_SOURCE = { name: 'bench-api', eventClass: 'api_activity', key: 'ext/bench-api' } as const;

/** Where each sample's events land: the table of its name, but for other forms of a native source's files. */
export const SAMPLE_TABLES: Readonly<Record<BenchSource, string>> = {
  ...(Object.fromEntries(BENCH_SOURCES.map((source) => [source, source])) as Record<BenchSource, string>),
  vpc_flow_parquet: 'vpc_flow',
  cloud_trail_zip: 'cloud_trail_mgmt',
  cloud_trail_tar_gz: 'cloud_trail_mgmt',
  ext_api_activity: CUSTOM_SOURCE.key,
};

type ArchiveSample = Exclude<BenchSource, FileSample>;
/** The archive samples hold the cloud_trail_mgmt sample's files, kept loose in `loose/`, packed in `bundle/`. */
const ARCHIVES: Readonly<Record<ArchiveSample, ArchiveKind>> = { cloud_trail_zip: 'zip', cloud_trail_tar_gz: 'tar.gz' };
const isArchive = (source: BenchSource): source is ArchiveSample => source in ARCHIVES;

/** Files are spread over the scenario's 20 days, an hour apart. */
const HOURS = 480;

/** What a sample's ingest reads, and what its plain DuckDB copy reads (for an archive, its loose files). */
export function sampleInputs(dataDir: string, source: BenchSource): { ingest: string; baseline: string } {
  if (!isArchive(source)) return { ingest: dataDir, baseline: dataDir };
  return { ingest: join(dataDir, 'bundle'), baseline: join(dataDir, 'loose') };
}

/** Writes `events` events of `source` under `outDir`; returns the files written (an archive's members). */
export async function writeSourceSamples(
  outDir: string,
  source: BenchSource,
  events: number,
  seed = 42,
): Promise<number> {
  if (isArchive(source)) {
    const { ingest, baseline } = sampleInputs(outDir, source);
    const files = await writeSourceSamples(baseline, 'cloud_trail_mgmt', events, seed);
    await writeArchive(ARCHIVES[source], baseline, join(ingest, `cloudtrail.${ARCHIVES[source]}`));
    return files;
  }
  const org = buildOrganization(seed);
  const common = { org, topology: buildNetworkTopology(seed, org), benign: new BenignActivity(seed, org) };
  const writer = new DeliveryFileWriter(outDir);
  // The Parquet flow logs hold the same flows as the text ones.
  const stream = source === 'vpc_flow_parquet' ? 'vpc_flow' : source;
  let file = 0;
  try {
    for (let written = 0; written < events; written += EVENTS_PER_FILE, file++) {
      const count = Math.min(EVENTS_PER_FILE, events - written);
      const rng = streamFor(seed, 'bench', stream, file);
      const hourMs = SCENARIO_START_MS + (file % HOURS) * HOUR_MS;
      await FILE_WRITERS[source]({ ...common, rng, writer, outDir, file, hourMs, count });
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return file;
}
