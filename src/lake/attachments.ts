// The folders attached to a lake (`tarn attach`): Security Lake copies queried in place. Kept in
// `_tarn/attachments.json`, apart from the ledger: attached files are read, never owned, by the lake.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TARN_DIR } from './ledger.ts';

export const ATTACHMENTS_FILE = `${TARN_DIR}/attachments.json`;

export interface AttachedFile {
  /** Absolute. */
  readonly path: string;
  /** A native source (`cloud_trail_mgmt`). */
  readonly source: string;
  readonly region: string;
  readonly accountId: string;
  readonly eventDay: string;
  /** The object's size, for an attached S3 bucket's files (fetched into the cache when a query needs them). */
  readonly bytes?: number;
}

/** An attached S3 bucket: where its objects are, how to reach them, and how much of them the cache may hold. */
export interface S3AttachmentSource {
  readonly bucket: string;
  /** Empty, or ending in `/`: where the bucket's `aws/` folder is. */
  readonly prefix: string;
  /** Where its files are mirrored, under the lake's cache; a file's key is its path below it. */
  readonly mirror: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly cacheBytes: number;
}

export interface Attachment {
  /** Absolute path of the attached folder (the bucket's root, holding `aws/`), or `s3://bucket/prefix`. */
  readonly root: string;
  readonly s3?: S3AttachmentSource;
  readonly attachedAt: string;
  readonly files: readonly AttachedFile[];
}

export async function readAttachments(lakeDir: string): Promise<readonly Attachment[]> {
  try {
    return (JSON.parse(await readFile(join(lakeDir, ATTACHMENTS_FILE), 'utf8')) as { attachments: Attachment[] })
      .attachments;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Replaces the attachment of the same root (attaching again rescans it), by an atomic rename. */
export async function saveAttachment(lakeDir: string, attachment: Attachment): Promise<void> {
  const others = (await readAttachments(lakeDir)).filter((a) => a.root !== attachment.root);
  const file = join(lakeDir, ATTACHMENTS_FILE);
  await mkdir(join(lakeDir, TARN_DIR), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify({ attachments: [...others, attachment] }, null, 1));
  await rename(`${file}.tmp`, file);
}
