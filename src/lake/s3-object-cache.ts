// The local cache of attached S3 buckets (tarn attach s3://…): a query's files are fetched when it needs them,
// into the lake's `_tarn/cache/s3/`, and the least recently used others are removed to keep each bucket's
// share under its size limit. A query that needs more than the limit is refused with the figures, rather
// than filling the disk.

import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { messageOf } from '../sources/decompress.ts';
import { TarnError } from '../tarn-error.ts';
import type { Attachment, S3AttachmentSource } from './attachments.ts';

interface CachedBucket {
  readonly source: S3AttachmentSource;
  /** Every attached file of the bucket, by local path, with its size. */
  readonly files: ReadonlyMap<string, number>;
}

export type S3ClientFactory = (source: S3AttachmentSource) => Promise<S3Client>;

export class S3ObjectCache {
  private readonly clients = new Map<S3AttachmentSource, S3Client>();

  private constructor(
    private readonly buckets: readonly CachedBucket[],
    private readonly newClient: S3ClientFactory,
  ) {}

  /** Null when no attachment is an S3 bucket. */
  static open(attachments: readonly Attachment[], newClient: S3ClientFactory = defaultClient): S3ObjectCache | null {
    const buckets = attachments.flatMap(({ s3, files }) =>
      s3 === undefined ? [] : [{ source: s3, files: new Map(files.map((f) => [f.path, f.bytes ?? 0] as const)) }],
    );
    return buckets.length === 0 ? null : new S3ObjectCache(buckets, newClient);
  }

  isRemote(path: string): boolean {
    return this.buckets.some((bucket) => bucket.files.has(path));
  }

  /**
   * Makes the attached S3 files among `paths` present on disk, fetching the missing ones and removing the least
   * recently used others past the limit. True when the files on disk changed.
   */
  async ensure(paths: readonly string[]): Promise<boolean> {
    let changed = false;
    for (const bucket of this.buckets) {
      const needed = paths.filter((path) => bucket.files.has(path));
      if (needed.length > 0 || [...bucket.files.keys()].some(existsSync)) {
        changed = (await this.ensureBucket(bucket, new Set(needed))) || changed;
      }
    }
    return changed;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
  }

  private async ensureBucket(bucket: CachedBucket, needed: ReadonlySet<string>): Promise<boolean> {
    const { source, files } = bucket;
    const size = (path: string) => files.get(path) ?? 0;
    const neededBytes = [...needed].reduce((sum, path) => sum + size(path), 0);
    if (neededBytes > source.cacheBytes) {
      throw new TarnError(
        `the query needs ${mebibytes(neededBytes)} MiB of s3://${source.bucket}/${source.prefix} objects, over the cache's ${mebibytes(source.cacheBytes)} MiB: narrow it by eventday, region or accountid, or attach again with a larger --cache-size`,
        1,
      );
    }
    const present = [...files.keys()].filter(existsSync);
    const missing = [...needed].filter((path) => !existsSync(path));
    let held = present.reduce((sum, path) => sum + size(path), 0) + missing.reduce((sum, path) => sum + size(path), 0);
    const evictable = present
      .filter((path) => !needed.has(path))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
    let changed = false;
    for (const path of evictable) {
      if (held <= source.cacheBytes) break;
      await rm(path, { force: true });
      held -= size(path);
      changed = true;
    }
    for (const path of missing) await this.fetch(source, path);
    // A file used now is the most recently used: its modification time says so.
    const now = new Date();
    for (const path of needed) await utimes(path, now, now);
    return changed || missing.length > 0;
  }

  private async fetch(source: S3AttachmentSource, path: string): Promise<void> {
    const key = `${source.prefix}${relative(source.mirror, path).split(sep).join('/')}`;
    const client = this.clients.get(source) ?? (await this.newClient(source));
    this.clients.set(source, client);
    await downloadObject(client, source.bucket, key, path).catch((error) => {
      throw new TarnError(`cannot fetch s3://${source.bucket}/${key} for the query: ${messageOf(error)}`, 1);
    });
  }
}

/** Written aside then renamed, so a download cut short never leaves a partial file to be read. */
export async function downloadObject(client: S3Client, bucket: string, key: string, path: string): Promise<void> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await answer.Body?.transformToByteArray();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.part`, bytes ?? new Uint8Array());
  await rename(`${path}.part`, path);
}

async function defaultClient(source: S3AttachmentSource): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({
    ...(source.endpoint === undefined ? {} : { endpoint: source.endpoint, forcePathStyle: true }),
    ...(source.region === undefined ? {} : { region: source.region }),
    ...(source.profile === undefined ? {} : { profile: source.profile }),
  });
}

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
