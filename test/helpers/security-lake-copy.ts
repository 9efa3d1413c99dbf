// A local copy of a Security Lake bucket, laid out as Security Lake writes it: Parquet objects named
// `<uuid>.gz.parquet` under `aws/<SOURCE>/2.0/region=/accountId=/eventDay=/`, and, for an Iceberg table,
// `aws/<SOURCE>/2.0/metadata/` with `NNNNN-<uuid>.metadata.json` files, a manifest list `snap-<id>-1-<uuid>.avro`
// and manifests `<uuid>-m0.avro` (deflate Avro, as Iceberg writes them) naming objects by their s3:// URIs.

import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import avsc from 'avsc';
import { type NativeSource, sourceFolder } from '../../src/mapping/native-sources.ts';
import { fileColumns } from '../query/lake-fixture.ts';

export const BUCKET = 'aws-security-data-lake-us-east-1-7lyoyujtzhsw2byuzpiaolkdwwvplk';

/** Writes rows (JSON values of the Glue columns; `columns` overrides the types) and returns the object key. */
export async function writeObject(
  root: string,
  source: NativeSource,
  partition: { region: string; accountId: string; eventDay: string },
  rows: readonly Record<string, unknown>[],
  columns = fileColumns(source),
): Promise<string> {
  const key = `${sourceFolder(source)}/region=${partition.region}/accountId=${partition.accountId}/eventDay=${partition.eventDay}/${randomUUID()}.gz.parquet`;
  const path = join(root, key);
  await mkdir(dirname(path), { recursive: true });
  const jsonl = `${path}.jsonl`;
  await writeFile(jsonl, rows.map((row) => JSON.stringify(row)).join('\n'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM read_json('${jsonl}', format = 'newline_delimited', columns = ${columns})) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  connection.closeSync();
  await rm(jsonl);
  return key;
}

const MANIFEST_LIST = avsc.Type.forSchema({
  type: 'record',
  name: 'manifest_file',
  fields: [
    { name: 'manifest_path', type: 'string' },
    { name: 'manifest_length', type: 'long' },
    { name: 'partition_spec_id', type: 'int' },
    { name: 'added_snapshot_id', type: 'long' },
  ],
});

const MANIFEST = avsc.Type.forSchema({
  type: 'record',
  name: 'manifest_entry',
  fields: [
    { name: 'status', type: 'int' },
    { name: 'snapshot_id', type: ['null', 'long'], default: null },
    {
      name: 'data_file',
      type: {
        type: 'record',
        name: 'r2',
        fields: [
          { name: 'content', type: 'int' },
          { name: 'file_path', type: 'string' },
          { name: 'file_format', type: 'string' },
          { name: 'record_count', type: 'long' },
          { name: 'file_size_in_bytes', type: 'long' },
        ],
      },
    },
  ],
});

export type EntryStatus = 'existing' | 'added' | 'deleted';
const STATUS: Readonly<Record<EntryStatus, number>> = { existing: 0, added: 1, deleted: 2 };

/**
 * Writes one snapshot of the source's Iceberg table: a manifest with the entries given (object keys and
 * their status), its manifest list, and a metadata file whose current snapshot it is, written at `updatedMs`.
 */
export async function writeIcebergSnapshot(
  root: string,
  source: NativeSource,
  snapshot: { id: number; sequence: number; updatedMs: number; entries: readonly [string, EntryStatus][] },
): Promise<void> {
  const metadataKey = `${sourceFolder(source)}/metadata`;
  await mkdir(join(root, metadataKey), { recursive: true });
  const uri = (key: string) => `s3://${BUCKET}/${key}`;
  const manifestKey = `${metadataKey}/${randomUUID()}-m0.avro`;
  await writeAvro(
    join(root, manifestKey),
    MANIFEST,
    snapshot.entries.map(([key, status]) => ({
      status: STATUS[status],
      snapshot_id: snapshot.id,
      data_file: { content: 0, file_path: uri(key), file_format: 'PARQUET', record_count: 1, file_size_in_bytes: 1 },
    })),
  );
  const listKey = `${metadataKey}/snap-${snapshot.id}-1-${randomUUID()}.avro`;
  await writeAvro(join(root, listKey), MANIFEST_LIST, [
    { manifest_path: uri(manifestKey), manifest_length: 1, partition_spec_id: 0, added_snapshot_id: snapshot.id },
  ]);
  const metadata = {
    'format-version': 2,
    location: uri(sourceFolder(source)),
    'last-updated-ms': snapshot.updatedMs,
    'current-snapshot-id': snapshot.id,
    snapshots: [{ 'snapshot-id': snapshot.id, 'timestamp-ms': snapshot.updatedMs, 'manifest-list': uri(listKey) }],
  };
  const name = `${String(snapshot.sequence).padStart(5, '0')}-${randomUUID()}.metadata.json`;
  await writeFile(join(root, metadataKey, name), JSON.stringify(metadata));
}

function writeAvro(path: string, type: avsc.Type, records: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const encoder = new avsc.streams.BlockEncoder(type, { codec: 'deflate' });
    const file = createWriteStream(path).on('finish', resolve).on('error', reject);
    encoder.pipe(file);
    for (const record of records) encoder.write(record);
    encoder.end();
  });
}
