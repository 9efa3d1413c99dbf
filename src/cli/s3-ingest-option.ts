// `tarn ingest s3://bucket/prefix… [--since 7d]`: the S3 locations given, turned into the objects an ingest
// reads. Listing happens when the ingest starts reading, under the lake's lock, so a second ingest sees what
// the first recorded. `TARN_S3_STREAM_BYTES` sets the size over which an object is streamed to a file rather
// than held in memory (default 64 MiB).

import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectInputs } from '../lake/ingest-run.ts';
import { parseS3Uri } from '../sources/s3-location.ts';
import { TarnError } from '../tarn-error.ts';
import { type ParsedArgs, stringOption } from './command.ts';
import { s3Client } from './s3-client-option.ts';
import { windowTime } from './time-options.ts';

/**
 * `--since 7d` (also `-7d`, `12h`, `30m`) or an ISO 8601 time or date, read as every command's `--from` is:
 * objects last modified before it are left out.
 */
export function sinceOption(args: ParsedArgs, now: Date): Date | undefined {
  const text = stringOption(args, 'since');
  if (text === undefined) return undefined;
  const before = /^\d+[smhdw]$/.test(text) ? `-${text}` : text;
  return new Date(windowTime(before, 'from', now, 'since'));
}

export interface S3IngestInputs {
  readonly objects: ObjectInputs;
  readonly close: () => void;
}

export async function s3IngestInputs(args: ParsedArgs, uris: readonly string[]): Promise<S3IngestInputs> {
  const locations = uris.map(parseS3Uri);
  const since = sinceOption(args, new Date());
  const client: S3Client = await s3Client(args, 's3-region');
  // Loaded here so that local ingests start without the AWS SDK.
  const { listS3Inputs, readS3Inputs, STREAM_OVER_BYTES } = await import('../sources/s3-inputs.ts');
  const streamOver = streamOverBytes(process.env.TARN_S3_STREAM_BYTES) ?? STREAM_OVER_BYTES;
  // Listed once: a run that commits several batches reads on from where the last one stopped.
  let listing: ReturnType<typeof listS3Inputs> | undefined;
  return {
    objects: {
      readInto: async (sink, progress, { from, full }) => {
        listing ??= listS3Inputs(client, locations, since);
        const inputs = await listing;
        const next = await readS3Inputs(client, inputs, sink, progress, { from, full, streamOverBytes: streamOver });
        return { total: inputs.length, next };
      },
    },
    close: () => client.destroy(),
  };
}

function streamOverBytes(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes < 0)
    throw new TarnError(`TARN_S3_STREAM_BYTES: "${text}" is not a byte count`, 2);
  return bytes;
}
