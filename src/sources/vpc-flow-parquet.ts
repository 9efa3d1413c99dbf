// VPC flow logs delivered with `FileFormat=parquet`: one column per field of the flow log's format, named
// with the fields' underscore names (`account_id`, `log_status`, `end`), as AWS's Athena tables for Parquet
// flow logs declare them; INT and BIGINT columns for the numbers. Each row becomes the record the text format
// would have made of the same flow: values as text, a missing (null) value left out, and the region and
// account of the S3 location filled in.

import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveryOrigin } from './delivery-path.ts';
import { type FormatReader, type JsonObject, RecordSink } from './format-reader.ts';
import type { LogFileRead } from './log-file.ts';
import { readParquetRecords } from './parquet-records.ts';
import { FIELD_KEYS } from './vpc-flow-fields.ts';
import { locate } from './vpc-flow-formats.ts';

const FLOW_COLUMNS = new Set(FIELD_KEYS.values());

/** Registered so that `--format vpc-flow-parquet` is known; Parquet bytes never reach a text reader. */
export const VPC_FLOW_PARQUET: FormatReader = {
  format: 'vpc-flow-parquet',
  kind: 'vpcflow',
  layout: 'document',
  matches: () => false,
  read: (_text, sink) => sink.reject(null, 'not a Parquet file: it does not start and end with PAR1'),
};

export interface ParquetSource {
  /** The file holding the bytes, when they are a whole file on disk. */
  readonly path?: string;
  /** Where a Parquet member of an archive is written for DuckDB to read, then removed (default: the OS's). */
  readonly scratchDir?: string;
}

/** Reads a Parquet flow log by name; bytes not on disk as a file of their own go through a scratch file. */
export async function readFlowLogParquet(name: string, bytes: Buffer, source: ParquetSource): Promise<LogFileRead> {
  if (source.path !== undefined) return readFlowRows(name, source.path);
  const dir = source.scratchDir ?? tmpdir();
  const path = join(dir, `member-${randomUUID()}.parquet`);
  await mkdir(dir, { recursive: true });
  await writeFile(path, bytes);
  try {
    return await readFlowRows(name, path);
  } finally {
    await rm(path, { force: true });
  }
}

async function readFlowRows(name: string, path: string): Promise<LogFileRead> {
  const sink = new RecordSink(name);
  const read = await readParquetRecords(path);
  if ('reason' in read) {
    sink.reject(null, read.reason);
    return sink.result(null);
  }
  const others = Object.keys(read.records[0] ?? {}).filter((column) => !FLOW_COLUMNS.has(column));
  if (others.length > 0) {
    sink.reject(null, `not a VPC flow log: Parquet columns ${others.slice(0, 8).join(', ')} are not flow log fields`);
    return sink.result(null);
  }
  const location = deliveryOrigin(name) ?? {};
  read.records.forEach((row, index) => {
    const record: JsonObject = {};
    for (const column in row) {
      const value = row[column];
      if (value !== null && value !== undefined) record[column] = String(value);
    }
    sink.accept(index + 1, locate(record, location));
  });
  return sink.result(VPC_FLOW_PARQUET);
}
