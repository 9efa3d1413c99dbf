// How the per-source bench (and its test) ingests a sample into an empty lake: native files with `tarn ingest`,
// the custom source's OCSF events as `tarn source add` then `tarn ingest --source` do, with the OCSF 1.1 schema
// export kept in ../shared.

import { ingestCustomSource } from '../src/lake/custom-source-ingest.ts';
import { addCustomSource } from '../src/lake/custom-source-registry.ts';
import { ingest } from '../src/lake/ingest-job.ts';
import type { IngestSummary } from '../src/lake/ingest-summary.ts';
import { OCSF_SCHEMA } from '../test/helpers/custom-source-events.ts';
import { type BenchSource, CUSTOM_SOURCE, sampleInputs } from './source-samples.ts';

/** What a sample needs in the lake before its ingest is timed: the custom source registered, for OCSF events. */
export async function prepareLake(lakeDir: string, source: BenchSource): Promise<void> {
  if (source !== 'ext_api_activity') return;
  const { name, eventClass } = CUSTOM_SOURCE;
  await addCustomSource(lakeDir, { name, eventClass, given: OCSF_SCHEMA });
}

export function ingestSample(lakeDir: string, source: BenchSource, dataDir: string): Promise<IngestSummary> {
  const paths = [sampleInputs(dataDir, source).ingest];
  if (source !== 'ext_api_activity') return ingest({ lakeDir, paths });
  return ingestCustomSource({ lakeDir, paths, source: CUSTOM_SOURCE.name });
}
