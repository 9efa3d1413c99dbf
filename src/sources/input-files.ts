// Expands the paths given to `tarn ingest` into the files to read. Every regular, non-hidden file is listed,
// whatever its name: a log saved as `.txt` or without a suffix must not be dropped silently, and a file that
// is not a log (a LICENSE, a CSV) is cheap to reject by its first bytes, with a reason the user sees.

import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface InputFiles {
  /** Absolute paths, sorted and de-duplicated. */
  readonly files: string[];
  /** The given paths that do not exist, as given, and dangling symbolic links found in the folders. */
  readonly missing: string[];
  /** Paths given by name that are neither files nor folders (FIFOs, devices, sockets), as given. */
  readonly special: string[];
}

/** `skipFolder` (the lake being written) is never read, even when it lies inside an input folder. */
export async function listInputFiles(paths: readonly string[], skipFolder?: string): Promise<InputFiles> {
  const state: Walk = { files: new Set(), missing: [], walked: new Set() };
  if (skipFolder !== undefined && (await kindOf(skipFolder)) === 'folder') state.walked.add(await realpath(skipFolder));
  const special: string[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const kind = await kindOf(absolute);
    if (kind === 'file') state.files.add(absolute);
    else if (kind === 'folder') await walk(absolute, state);
    else if (kind === 'missing') state.missing.push(path);
    else special.push(path);
  }
  return { files: [...state.files].sort(), missing: state.missing, special };
}

interface Walk {
  readonly files: Set<string>;
  /** Given paths that do not exist, and dangling symbolic links met on the way. */
  readonly missing: string[];
  /** Real paths of the folders walked: a symbolic link back up the tree would otherwise be walked forever. */
  readonly walked: Set<string>;
}

/** Hidden entries (`.git`, `.DS_Store`) are skipped only inside folders: a path given explicitly is read. */
async function walk(folder: string, state: Walk): Promise<void> {
  let entries: Dirent[];
  try {
    const real = await realpath(folder);
    if (state.walked.has(real)) return;
    state.walked.add(real);
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    const kind = await entryKind(entry, path);
    if (kind === 'file') state.files.add(path);
    else if (kind === 'folder') await walk(path, state);
    else if (kind === 'missing') state.missing.push(path);
  }
}

/** 'other' is a socket, a FIFO or a device: reading one could block, and none holds a log. */
type PathKind = 'file' | 'folder' | 'other' | 'missing';

async function entryKind(entry: Dirent, path: string): Promise<PathKind> {
  if (entry.isSymbolicLink()) return kindOf(path);
  if (entry.isFile()) return 'file';
  return entry.isDirectory() ? 'folder' : 'other';
}

async function kindOf(path: string): Promise<PathKind> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if (isGone(error)) return 'missing';
    throw error;
  }
}

/** A path that is not there, or that goes through a file or a dangling link. */
function isGone(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
