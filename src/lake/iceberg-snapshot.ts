// The data files of an Apache Iceberg table's current snapshot, read from its metadata folder: the newest
// `*.metadata.json`, its current snapshot's manifest list, then each manifest (both Avro), keeping the
// entries not marked deleted. A file that Security Lake's compaction replaced is in the folder still, but not
// in the snapshot, so it is not counted twice.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import avsc from 'avsc';

/** Iceberg's manifest entry status: 0 existing, 1 added, 2 deleted. */
const DELETED = 2;

interface TableMetadata {
  readonly 'current-snapshot-id'?: number | null;
  readonly 'last-updated-ms'?: number;
  readonly snapshots?: readonly { readonly 'snapshot-id': number; readonly 'manifest-list': string }[];
}

export interface IcebergSnapshot {
  readonly metadataFile: string;
  readonly snapshotId: number | null;
  /** As written in the manifests: usually `s3://bucket/…` URIs. */
  readonly dataFiles: readonly string[];
  /** Delete files (v2 row-level deletes) in the snapshot: Tarn does not apply them, so it reports them. */
  readonly deleteFiles: number;
}

/**
 * Null when the table folder has no Iceberg metadata. `localPath` turns a URI written in the metadata (the
 * manifest list's and manifests' own paths) into the file of the local copy.
 */
export async function readIcebergSnapshot(
  tableDir: string,
  localPath: (uri: string) => string,
): Promise<IcebergSnapshot | null> {
  const metadataDir = join(tableDir, 'metadata');
  const names = await readdir(metadataDir).catch(() => null);
  const metadataNames = (names ?? []).filter((name) => name.endsWith('.metadata.json'));
  if (metadataNames.length === 0) return null;
  const candidates = await Promise.all(
    metadataNames.map(async (name) => ({
      file: join(metadataDir, name),
      metadata: JSON.parse(await readFile(join(metadataDir, name), 'utf8')) as TableMetadata,
    })),
  );
  // The current metadata is the one written last; Glue's pointer to it is not part of a bucket copy.
  const { file, metadata } = candidates.reduce((a, b) =>
    (b.metadata['last-updated-ms'] ?? 0) > (a.metadata['last-updated-ms'] ?? 0) ? b : a,
  );
  const snapshotId = metadata['current-snapshot-id'] ?? null;
  const snapshot = metadata.snapshots?.find((s) => s['snapshot-id'] === snapshotId);
  if (snapshotId === null || snapshotId === -1 || snapshot === undefined) {
    return { metadataFile: file, snapshotId: null, dataFiles: [], deleteFiles: 0 };
  }
  const manifests = await readAvro<{ manifest_path: string }>(localPath(snapshot['manifest-list']));
  const dataFiles: string[] = [];
  let deleteFiles = 0;
  for (const manifest of manifests) {
    const entries = await readAvro<{ status: number; data_file: { file_path: string; content?: number } }>(
      localPath(manifest.manifest_path),
    );
    for (const entry of entries) {
      if (entry.status === DELETED) continue;
      // content 1 and 2 are delete files (v2 tables): rows to drop, not rows to read.
      if ((entry.data_file.content ?? 0) === 0) dataFiles.push(entry.data_file.file_path);
      else deleteFiles++;
    }
  }
  return { metadataFile: file, snapshotId, dataFiles, deleteFiles };
}

function readAvro<T>(file: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const records: T[] = [];
    avsc
      .createFileDecoder(file)
      .on('data', (record: T) => records.push(record))
      .on('error', (error: Error) => reject(new Error(`cannot read Iceberg Avro file ${file}: ${error.message}`)))
      .on('end', () => resolve(records));
  });
}
