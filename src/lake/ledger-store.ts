// How the ledger is stored, so that a commit costs what the commit changes, not what the lake holds:
//
//   _tarn/ledger/head.json                     {seq, state, base: {seq, files, history}}: renamed into place
//                                              atomically, the one commit point
//   _tarn/ledger/commit-<seq>.json             one immutable record per commit after the base, two JSON lines:
//                                              the data files added and the paths removed, then the batch or
//                                              maintenance entry (a batch's input list can be megabytes, and a
//                                              reader of the data-file list parses only the first line)
//   _tarn/ledger/files-<seq>.json              snapshot: every committed data file at the base
//   _tarn/ledger/history-<from>-<to>.jsonl     the batch and maintenance entries of commits up to the base,
//                                              one line each; append-only, so a snapshot never rewrites them
//
// Every SNAPSHOT_EVERY commits, the writer folds the records since the base into a new files snapshot and a new
// history chunk and moves the base; that changes nothing a reader sees (the seq and state stay). Files the head
// does not name are left by an interrupted writer and removed by the next one.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LedgerBatch, LedgerDataFile, LedgerMaintenance } from './ledger.ts';

export const LEDGER_DIR = '_tarn/ledger';
export const HEAD_FILE = `${LEDGER_DIR}/head.json`;
/** Commit records a reader replays on top of the snapshot before the writer folds them into a new one. */
export const SNAPSHOT_EVERY = 64;

export interface LedgerHead {
  readonly version: 2;
  readonly seq: number;
  readonly state: string | null;
  readonly base: {
    readonly seq: number;
    /** The files snapshot at `base.seq`, a name in LEDGER_DIR; null when no file was committed by then. */
    readonly files: string | null;
    readonly history: readonly string[];
  };
  /** A legacy ledger.json read into memory stands in for the snapshot until the next write stores it. */
  readonly inMemory?: { readonly files: readonly LedgerDataFile[]; readonly history: readonly LedgerCommit[] };
}

export interface LedgerCommit {
  readonly seq: number;
  readonly id: string;
  readonly batch?: LedgerBatch;
  readonly maintenance?: LedgerMaintenance;
  readonly added: readonly LedgerDataFile[];
  /** Lake-relative paths of data files no longer committed. */
  readonly removed: readonly string[];
}

export const EMPTY_HEAD: LedgerHead = { version: 2, seq: 0, state: null, base: { seq: 0, files: null, history: [] } };

export async function readHead(lakeDir: string): Promise<LedgerHead | null> {
  const text = await readOptional(join(lakeDir, HEAD_FILE));
  return text === null ? null : (JSON.parse(text) as LedgerHead);
}

export async function readSnapshotFiles(lakeDir: string, head: LedgerHead): Promise<LedgerDataFile[]> {
  if (head.inMemory) return [...head.inMemory.files];
  if (head.base.files === null) return [];
  return JSON.parse(await readFile(join(lakeDir, LEDGER_DIR, head.base.files), 'utf8')) as LedgerDataFile[];
}

export async function readHistory(lakeDir: string, head: LedgerHead): Promise<LedgerCommit[]> {
  if (head.inMemory) return [...head.inMemory.history];
  const chunks = await Promise.all(head.base.history.map((name) => readFile(join(lakeDir, LEDGER_DIR, name), 'utf8')));
  return chunks.flatMap((text) => text.split('\n').flatMap((line) => (line ? [JSON.parse(line) as LedgerCommit] : [])));
}

/**
 * The records after the base, in order; with `entries` false, only their file changes (no batch or maintenance
 * entry) are parsed. Records written before the split hold everything on one line and are parsed whole.
 */
export async function readCommits(lakeDir: string, head: LedgerHead, entries = true): Promise<LedgerCommit[]> {
  const seqs = Array.from({ length: head.seq - head.base.seq }, (_, i) => head.base.seq + 1 + i);
  const records = await Promise.all(seqs.map((seq) => readFile(join(lakeDir, LEDGER_DIR, commitName(seq)))));
  return records.map((bytes) => {
    const end = bytes.indexOf(0x0a);
    const changes = JSON.parse(bytes.toString('utf8', 0, end === -1 ? bytes.length : end)) as LedgerCommit;
    return end === -1 || !entries ? changes : { ...changes, ...JSON.parse(bytes.toString('utf8', end + 1)) };
  });
}

/** A record's text: its file changes on the first line, its entry on the second (JSON has no raw newline). */
function commitRecordText(commit: LedgerCommit): string {
  const { batch, maintenance, ...changes } = commit;
  return `${JSON.stringify(changes)}\n${JSON.stringify({ batch, maintenance })}`;
}

export function applyCommit(files: readonly LedgerDataFile[], commit: LedgerCommit): LedgerDataFile[] {
  const removed = new Set(commit.removed);
  const kept = removed.size === 0 ? files : files.filter((file) => !removed.has(file.path));
  return [...kept, ...commit.added];
}

/** Writes the record of the commit after `head` and returns the head that makes it visible (not yet written). */
export async function writeCommitRecord(lakeDir: string, head: LedgerHead, commit: LedgerCommit): Promise<LedgerHead> {
  const text = commitRecordText(commit);
  await writeAtomically(join(lakeDir, LEDGER_DIR, commitName(commit.seq)), text);
  const { inMemory: _, ...stored } = head;
  return { ...stored, seq: commit.seq, state: chainState(head.state, text) };
}

/** Each state hashes the one before and the record that followed it, so equal states mean equal histories. */
export function chainState(previous: string | null, recordText: string): string {
  return sha256Hex(`${previous ?? ''}\n${sha256Hex(recordText)}`);
}

export async function writeHead(lakeDir: string, head: LedgerHead): Promise<void> {
  await writeAtomically(join(lakeDir, HEAD_FILE), JSON.stringify(head));
}

/**
 * Stores the state at `head` as a files snapshot and a history chunk holding the records since the base, and
 * returns a head based on them (not yet written; a legacy ledger's head is stored this way before its first
 * commit). The chunk leaves out the records' file lists: the snapshot holds their outcome.
 */
export async function writeSnapshot(
  lakeDir: string,
  head: LedgerHead,
  files: readonly LedgerDataFile[],
): Promise<LedgerHead> {
  const records = head.inMemory ? head.inMemory.history : await readCommits(lakeDir, head);
  const history = [...head.base.history];
  const entries = records.filter((r) => r.batch || r.maintenance);
  if (entries.length > 0) {
    const name = `history-${pad(entries[0]?.seq ?? 0)}-${pad(head.seq)}.jsonl`;
    const lines = entries.map(({ seq, id, batch, maintenance }) => JSON.stringify({ seq, id, batch, maintenance }));
    await writeAtomically(join(lakeDir, LEDGER_DIR, name), `${lines.join('\n')}\n`);
    history.push(name);
  }
  const filesName = files.length === 0 ? null : `files-${pad(head.seq)}.json`;
  if (filesName) await writeAtomically(join(lakeDir, LEDGER_DIR, filesName), JSON.stringify(files));
  return { version: 2, seq: head.seq, state: head.state, base: { seq: head.seq, files: filesName, history } };
}

/** Removes what the head does not name: records folded into the snapshot, and what an interrupted writer left. */
export async function removeUnnamed(lakeDir: string, head: LedgerHead): Promise<void> {
  const named = new Set([...head.base.history, ...(head.base.files ? [head.base.files] : []), 'head.json']);
  for (let seq = head.base.seq + 1; seq <= head.seq; seq++) named.add(commitName(seq));
  const dir = join(lakeDir, LEDGER_DIR);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!named.has(name)) await rm(join(dir, name), { force: true, recursive: true });
  }
}

function commitName(seq: number): string {
  return `commit-${pad(seq)}.json`;
}

function pad(seq: number): string {
  return String(seq).padStart(12, '0');
}

export async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
