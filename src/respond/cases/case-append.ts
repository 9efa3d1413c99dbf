// Adding an entry with its evidence. The evidence files are written first, then the whole log to a side file,
// which is fsynced and renamed over the old one: a crash leaves either the old log (and an evidence folder no
// entry holds, which the next append replaces) or the new one, never a torn line, which a plain O_APPEND write
// cannot promise across a power cut.

import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TarnError } from '../../tarn-error.ts';
import { type CaseEntry, type EvidenceFile, entryLine, GENESIS, lineHash, sealEntry } from './case-entry.ts';
import { withCaseLock } from './case-lock.ts';
import { readChain, readLogText } from './case-log.ts';
import {
  digestFile,
  EVIDENCE_DIR,
  evidenceFolder,
  fsyncPath,
  isEvidencePath,
  LOG_FILE,
  NEXT_LOG_FILE,
} from './case-store.ts';

/** A file the entry will hold: text to write, or a file to copy. */
export type EvidenceSource = { readonly name: string } & ({ readonly content: string } | { readonly copyFrom: string });

export type EntryDraft = Pick<CaseEntry, 'kind' | 'title' | 'query' | 'result' | 'lake'> & {
  readonly files: readonly EvidenceSource[];
  /** A query's first rows as a text table, shown to whoever added it; not part of the entry. */
  readonly preview?: string;
};

/** Creates the case folder and its first entry; fails if the case exists. */
export async function openCase(dir: string, analyst: string, title: string): Promise<CaseEntry> {
  await mkdir(dir, { recursive: true });
  await fsyncPath(dirname(dir));
  // A folder without a log is a case whose open was interrupted; opening it again finishes the job.
  return withCaseLock(dir, async () => {
    if (existsSync(join(dir, LOG_FILE))) throw new TarnError(`the case ${dir} already exists`);
    return writeEntry(dir, '', analyst, { kind: 'open', title, files: [] });
  });
}

export async function appendEntry(dir: string, analyst: string, draft: EntryDraft): Promise<CaseEntry> {
  // Before locking, so that a case that does not exist is said so, not reported as a lock file error.
  await readLogText(dir);
  return withCaseLock(dir, async () => {
    const text = await readLogText(dir);
    const { broken } = readChain(text);
    if (broken) throw new TarnError(`nothing was added: the case log is broken: ${broken}`);
    return writeEntry(dir, text, analyst, draft);
  });
}

async function writeEntry(dir: string, text: string, analyst: string, draft: EntryDraft): Promise<CaseEntry> {
  const lines = text.split('\n').slice(0, -1);
  const seq = lines.length + 1;
  const last = lines.at(-1);
  const files = await writeEvidence(dir, seq, draft.files);
  const entry = sealEntry({
    seq,
    time: new Date().toISOString(),
    analyst,
    kind: draft.kind,
    title: draft.title,
    query: draft.query,
    result: draft.result,
    files,
    lake: draft.lake,
    prev: last === undefined ? GENESIS : lineHash(last),
  });
  const next = join(dir, NEXT_LOG_FILE);
  await writeFile(next, `${text}${entryLine(entry)}\n`);
  await fsyncPath(next);
  await rename(next, join(dir, LOG_FILE));
  await fsyncPath(dir);
  return entry;
}

async function writeEvidence(dir: string, seq: number, sources: readonly EvidenceSource[]): Promise<EvidenceFile[]> {
  const folder = evidenceFolder(seq);
  const names = sources.map((source) => source.name);
  const bad = names.find(
    (name, i) => name.includes('/') || !isEvidencePath(`${folder}/${name}`) || names.indexOf(name) !== i,
  );
  if (bad !== undefined) throw new TarnError(`"${bad}" cannot be an evidence file name`, 2);
  // A folder already here was left by an append that crashed before its entry was written: no entry holds it.
  await rm(join(dir, folder), { recursive: true, force: true });
  if (sources.length === 0) return [];
  await mkdir(join(dir, folder), { recursive: true });
  const files: EvidenceFile[] = [];
  for (const source of sources) {
    const path = `${folder}/${source.name}`;
    if ('content' in source) await writeFile(join(dir, path), source.content);
    else await copyFile(source.copyFrom, join(dir, path));
    await fsyncPath(join(dir, path));
    files.push({ path, ...(await digestFile(join(dir, path))) });
  }
  await fsyncPath(join(dir, folder));
  await fsyncPath(join(dir, EVIDENCE_DIR));
  return files;
}
