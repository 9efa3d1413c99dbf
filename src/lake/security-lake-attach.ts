// `tarn attach DIR`: a Security Lake bucket's copy (its `aws/<SOURCE>/2.0/region=/accountId=/eventDay=/`
// objects) made queryable in place. Where a table has Iceberg metadata, its files are the current
// snapshot's, never every object under the prefix; the files' columns are checked against the Glue tables.

import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isNativeSource, type NativeSource, sourceFolder } from '../mapping/native-sources.ts';
import { TarnError } from '../tarn-error.ts';
import { type AttachedFile, type Attachment, saveAttachment } from './attachments.ts';
import { readIcebergSnapshot } from './iceberg-snapshot.ts';
import { schemaMismatches } from './parquet-schema-check.ts';

export interface AttachedTableReport {
  readonly source: NativeSource;
  readonly files: number;
  /** Null for a table without Iceberg metadata, whose files are every Parquet object under its prefix. */
  readonly iceberg: { readonly snapshotId: number | null; readonly deleteFiles: number } | null;
  /** Parquet objects under the prefix that the current snapshot does not list (replaced by compaction). */
  readonly notInSnapshot: number;
  /** Files the snapshot lists that the copy lacks, or files outside the partition layout. */
  readonly problems: readonly string[];
  /** Columns that differ from the Glue table, one line each; empty when they match. */
  readonly schemaMismatches: readonly string[];
}

export interface AttachReport {
  readonly root: string;
  readonly tables: readonly AttachedTableReport[];
}

const PARTITION = /\/region=([^/]+)\/accountId=([^/]+)\/eventDay=(\d{8})\/[^/]+$/;

/**
 * A Security Lake tree as attach reads it: a local copy, or an S3 bucket mirrored on demand into the lake's
 * cache (s3-security-lake-attach.ts). Paths are the local ones; Iceberg metadata is on disk when read.
 */
export interface AttachTree {
  /** The local folder holding `aws/` (the copy, or the bucket's mirror in the cache). */
  readonly root: string;
  /** What the attachment is saved as (and replaces when attached again). */
  readonly attachment: Omit<Attachment, 'attachedAt' | 'files'>;
  readonly sources: readonly NativeSource[];
  /** The table's Parquet objects outside `metadata/`, as local paths. */
  listed(source: NativeSource): Promise<string[]>;
  exists(path: string): boolean;
  /** The files whose columns are checked, on disk: all of a copy's; a sample of a bucket's. */
  schemaSample(files: readonly string[]): Promise<string[]>;
  /** An object's size, for the cache's accounting; undefined for a local copy. */
  bytes?(path: string): number | undefined;
}

export async function attachSecurityLake(lakeDir: string, folder: string): Promise<AttachReport> {
  const root = resolve(folder);
  const awsDir = join(root, 'aws');
  if (!existsSync(awsDir)) {
    throw new TarnError(`${folder} is not a Security Lake copy: it has no aws/ folder (aws/<SOURCE>/2.0/…)`, 2);
  }
  const sources = (await readdir(awsDir))
    .map((name) => name.toLowerCase())
    .filter((name): name is NativeSource => isNativeSource(name) && existsSync(join(root, sourceFolder(name))));
  return attachTree(lakeDir, {
    root,
    attachment: { root },
    sources,
    listed: async (source) => {
      const tableDir = join(root, sourceFolder(source));
      return (await readdir(tableDir, { recursive: true }))
        .filter((name) => name.endsWith('.parquet') && !name.split(sep).includes('metadata'))
        .map((name) => join(tableDir, name));
    },
    exists: existsSync,
    schemaSample: async (files) => [...files],
  });
}

export async function attachTree(lakeDir: string, tree: AttachTree): Promise<AttachReport> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  const files: AttachedFile[] = [];
  const tables: AttachedTableReport[] = [];
  try {
    for (const source of [...tree.sources].sort()) {
      const { report, attached } = await attachTable(tree, source, connection);
      tables.push(report);
      files.push(...attached);
    }
  } finally {
    connection.closeSync();
  }
  const root = tree.attachment.root;
  await saveAttachment(lakeDir, { ...tree.attachment, attachedAt: new Date().toISOString(), files });
  return { root, tables };
}

async function attachTable(
  tree: AttachTree,
  source: NativeSource,
  connection: Parameters<typeof schemaMismatches>[0],
): Promise<{ report: AttachedTableReport; attached: AttachedFile[] }> {
  const { root } = tree;
  const tableDir = join(root, sourceFolder(source));
  const listed = await tree.listed(source);
  const snapshot = await readIcebergSnapshot(tableDir, (uri) => localPath(root, uri));
  const problems: string[] = [];
  const candidates = snapshot === null ? listed : snapshot.dataFiles.map((uri) => localPath(root, uri));
  const attached: AttachedFile[] = [];
  for (const path of candidates) {
    const partition = PARTITION.exec(path.split(sep).join('/'));
    if (!tree.exists(path)) problems.push(`listed in the Iceberg snapshot but missing from the copy: ${path}`);
    else if (partition === null) problems.push(`not in a region=/accountId=/eventDay= folder: ${path}`);
    else {
      const [, region = '', accountId = '', eventDay = ''] = partition;
      const bytes = tree.bytes?.(path);
      attached.push({ path, source, region, accountId, eventDay, ...(bytes === undefined ? {} : { bytes }) });
    }
  }
  const kept = new Set(attached.map((file) => file.path));
  const mismatches = await schemaMismatches(connection, source, await tree.schemaSample([...kept]));
  // A Glue column the files lack cannot be read at all (a different type is cast): such a table is left out.
  const unreadable = mismatches.some((line) => line.startsWith('missing column'));
  if (unreadable) problems.push('not attached: its objects lack Glue columns');
  return {
    attached: unreadable ? [] : attached,
    report: {
      source,
      files: unreadable ? 0 : attached.length,
      iceberg: snapshot === null ? null : { snapshotId: snapshot.snapshotId, deleteFiles: snapshot.deleteFiles },
      notInSnapshot: listed.filter((path) => !kept.has(path)).length,
      problems,
      schemaMismatches: mismatches,
    },
  };
}

/**
 * An object URI from Iceberg metadata (`s3://aws-security-data-lake-…/aws/…`) as the file of the local copy.
 * Metadata can be written by anyone who could write the bucket, so a path that leaves the copy is refused.
 */
function localPath(root: string, uri: string): string {
  const at = uri.indexOf('/aws/');
  const inside = at === -1 ? uri : uri.slice(at + 1);
  const path = resolve(root, inside);
  const fromRoot = relative(root, path);
  if (fromRoot.split(sep)[0] === '..' || isAbsolute(fromRoot)) {
    throw new TarnError(`Iceberg metadata names a file outside the attached folder: ${uri}`, 1);
  }
  return path;
}
