// `tarn ingest --source NAME`: OCSF events of a registered custom source in, one atomic batch of Parquet out,
// under the same writer lock, ledger, commit and dead-letter area as native ingest.

import { loadOcsfSchema } from '../mapping/ocsf-validation/ocsf-schema.ts';
import type { Reject } from '../sources/log-file.ts';
import { TarnError } from '../tarn-error.ts';
import { CustomSourceBatch } from './custom-source-batch.ts';
import { customSources, type SchemaChoice, schemaPathOf } from './custom-source-registry.ts';
import { type RunOptions, runIngest } from './ingest-run.ts';
import type { IngestSummary } from './ingest-summary.ts';

export interface CustomIngestOptions extends SchemaChoice, RunOptions {
  readonly source: string;
  readonly onReject?: (reject: Reject) => void;
  /** `--strict`: a file that is not valid UTF-8 has its records rejected. */
  readonly strict?: boolean;
}

export function ingestCustomSource(options: CustomIngestOptions): Promise<IngestSummary> {
  return runIngest(options, ({ lakeDir, stagingDir, batchId, ledger, config }) => {
    const registered = customSources(config);
    const source = registered.find((candidate) => candidate.name === options.source);
    if (source === undefined) {
      const known = registered.map((candidate) => candidate.name).join(', ') || 'none';
      throw new TarnError(
        `no custom source named "${options.source}" (registered: ${known}); add it with tarn source add`,
        2,
      );
    }
    const schema = loadOcsfSchema(schemaPathOf(config, options));
    const { onReject, strict } = options;
    return CustomSourceBatch.open(lakeDir, stagingDir, batchId, ledger, schema, source, onReject, strict);
  });
}
