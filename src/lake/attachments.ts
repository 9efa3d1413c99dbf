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
}

export interface Attachment {
  /** Absolute path of the attached folder (the bucket's root, holding `aws/`). */
  readonly root: string;
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
