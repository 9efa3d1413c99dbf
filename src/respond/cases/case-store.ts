// Where a case lives on disk: `<cases>/<name>/log.jsonl` and one evidence folder per log entry. The folder is
// the unit that is bundled and verified, so nothing outside it is ever referenced by the log.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { TarnError } from '../../tarn-error.ts';

export const LOG_FILE = 'log.jsonl';
export const EVIDENCE_DIR = 'evidence';
export const LOCK_FILE = '.lock';
/** The next log is written here, then renamed over `log.jsonl`. */
export const NEXT_LOG_FILE = '.log.jsonl.next';
/** Files a crash may leave behind that belong to no entry and are never evidence. */
export const HOUSEKEEPING_FILES: readonly string[] = [LOCK_FILE, NEXT_LOG_FILE];

/** A name that is one safe path segment on every platform, so it can name a folder and a bundle. */
const CASE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function caseDir(casesDir: string, name: string): string {
  if (!CASE_NAME.test(name)) {
    throw new TarnError(`"${name}" is not a case name: use letters, digits, '.', '_' and '-' (at most 100)`, 2);
  }
  return join(casesDir, name);
}

/** The evidence folder of entry `seq`, relative to the case folder, with forward slashes as the log records it. */
export function evidenceFolder(seq: number): string {
  return posix.join(EVIDENCE_DIR, String(seq).padStart(4, '0'));
}

/** True when `path` (from a log entry) names a file inside the case's evidence folder. */
export function isEvidencePath(path: string): boolean {
  const normal = posix.normalize(path);
  return normal === path && normal.startsWith(`${EVIDENCE_DIR}/`) && !normal.split('/').includes('..');
}

export interface FileDigest {
  readonly sha256: string;
  readonly bytes: number;
}

export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Flushes a file or a folder to disk, so that a rename or a new file survives a power cut. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Every file below the case folder, relative to it with forward slashes, housekeeping files left out. */
/**
 * Symbolic links in the case folder: a link's target can change after its hash was taken, and an export
 * would carry the link rather than the evidence, so a case holds none.
 */
export async function listCaseLinks(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

export async function listCaseFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !HOUSEKEEPING_FILES.includes(path))
    .sort();
}
