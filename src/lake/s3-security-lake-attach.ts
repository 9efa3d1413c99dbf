// `tarn attach s3://aws-security-data-lake-…/`: a Security Lake bucket attached where it is. Its objects are
// listed and only the Iceberg metadata is downloaded (into the lake's cache, mirroring the keys), so the current
// snapshot decides the files as for a local copy; one object per table is fetched to check its columns. The
// rest is fetched when a query needs it (s3-object-cache.ts).

import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { isNativeSource, type NativeSource, sourceFolder } from '../mapping/native-sources.ts';
import { messageOf } from '../sources/decompress.ts';
import { listObjects } from '../sources/s3-listing.ts';
import type { S3Location } from '../sources/s3-location.ts';
import { TarnError } from '../tarn-error.ts';
import type { S3AttachmentSource } from './attachments.ts';
import { TARN_DIR } from './ledger.ts';
import { downloadObject } from './s3-object-cache.ts';
import { type AttachReport, attachTree } from './security-lake-attach.ts';

export const S3_CACHE_DIR = `${TARN_DIR}/cache/s3`;

export interface S3AttachOptions {
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly cacheBytes: number;
}

export async function attachS3SecurityLake(
  lakeDir: string,
  location: S3Location,
  client: S3Client,
  options: S3AttachOptions,
): Promise<AttachReport> {
  const { bucket, prefix } = location;
  const mirror = resolve(lakeDir, S3_CACHE_DIR, bucket, prefix);
  const sizes = new Map<string, number>();
  for await (const object of listObjects(client, bucket, `${prefix}aws/`)) {
    const inside = (object.Key ?? '').slice(prefix.length);
    // A key is a path in the mirror: one that would leave it is never written.
    if (inside.endsWith('/') || inside.split('/').some((part) => part === '..' || part === '.' || part === ''))
      continue;
    sizes.set(join(mirror, inside), object.Size ?? 0);
  }
  const keyOf = (path: string) =>
    `${prefix}${path
      .slice(mirror.length + 1)
      .split(sep)
      .join('/')}`;
  const fetch = async (path: string) => {
    if (existsSync(path)) return;
    await downloadObject(client, bucket, keyOf(path), path).catch((error) => {
      throw new TarnError(`cannot read s3://${bucket}/${keyOf(path)}: ${messageOf(error)}`, 1);
    });
  };
  const sources = new Set<NativeSource>();
  for (const path of sizes.keys()) {
    const [, folder = ''] = /^aws[/\\]([^/\\]+)[/\\]2\.0[/\\]/.exec(path.slice(mirror.length + 1)) ?? [];
    const source = folder.toLowerCase();
    if (isNativeSource(source)) sources.add(source);
    if (isMetadata(mirror, path)) await fetch(path);
  }
  if (sizes.size === 0) {
    throw new TarnError(`s3://${bucket}/${prefix} holds no Security Lake objects (aws/<SOURCE>/2.0/…)`, 2);
  }
  const s3: S3AttachmentSource = { bucket, prefix, mirror, ...definedOnly(options) };
  return attachTree(lakeDir, {
    root: mirror,
    attachment: { root: `s3://${bucket}/${prefix}`, s3 },
    sources: [...sources],
    listed: async (source) => {
      const folder = join(mirror, sourceFolder(source)) + sep;
      return [...sizes.keys()].filter(
        (path) => path.startsWith(folder) && path.endsWith('.parquet') && !isMetadata(mirror, path),
      );
    },
    exists: (path) => sizes.has(path),
    // One object per table is enough to tell its columns from Glue's; it stays in the cache for queries.
    schemaSample: async (files) => {
      const sample = files.slice(0, 1);
      for (const path of sample) await fetch(path);
      return sample;
    },
    bytes: (path) => sizes.get(path),
  });
}

function isMetadata(mirror: string, path: string): boolean {
  return (
    path
      .slice(mirror.length + 1)
      .split(sep)
      .slice(3, 4)[0] === 'metadata'
  );
}

function definedOnly(options: S3AttachOptions): Omit<S3AttachmentSource, 'bucket' | 'prefix' | 'mirror'> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as S3AttachOptions;
}
