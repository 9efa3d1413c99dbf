// Checks a case folder end to end: the chain of log entries, every evidence file against the hash its entry
// records, and that the folder holds no file that no entry records. Stops at the first problem, in log order.
// Removing entries from the end together with their evidence leaves a chain that holds: only a head written
// down before (an analyst's, a bundle's manifest) shows it, so a verification can be given heads to end at.

import { join } from 'node:path';
import { type CaseEntry, lineHash } from './case-entry.ts';
import { readCaseLog } from './case-log.ts';
import { digestFile, LOG_FILE, listCaseFiles, listCaseLinks } from './case-store.ts';

export type Verification =
  | {
      readonly ok: true;
      readonly entries: number;
      /** SHA-256 of the last line: record it elsewhere to pin the whole log. */
      readonly head: string;
      /** Where the heads the log was checked to end at came from. */
      readonly pinnedBy: readonly string[];
    }
  | { readonly ok: false; readonly problem: string };

/** A head the log must end at, and where it comes from, as a message names it: `given with --head`. */
export interface ExpectedHead {
  readonly head: string;
  readonly source: string;
}

export async function verifyCase(dir: string, expected: readonly ExpectedHead[] = []): Promise<Verification> {
  const [symlink] = await listCaseLinks(dir);
  if (symlink !== undefined) {
    return { ok: false, problem: `${symlink} is a symbolic link: a case holds its evidence as files, not links` };
  }
  const { links, broken } = await readCaseLog(dir);
  for (const { entry } of links) {
    const problem = await evidenceProblem(dir, entry);
    if (problem) return { ok: false, problem };
  }
  if (broken) return { ok: false, problem: broken };
  const recorded = new Set(links.flatMap(({ entry }) => entry.files.map((file) => file.path)));
  const extra = (await listCaseFiles(dir)).find((path) => path !== LOG_FILE && !recorded.has(path));
  if (extra) return { ok: false, problem: `${extra} is held by no entry: a file was added to the case` };
  const heads = links.map((link) => lineHash(link.text));
  for (const head of expected) {
    const problem = headProblem(heads, head);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, entries: links.length, head: heads.at(-1) ?? '', pinnedBy: expected.map((e) => e.source) };
}

function headProblem(heads: readonly string[], { head, source }: ExpectedHead): string | undefined {
  const at = heads.indexOf(head.toLowerCase());
  if (at !== -1 && at === heads.length - 1) return undefined;
  const ends = `the log ends at entry ${heads.length} (head ${heads.at(-1)}), not at the head ${head} ${source}`;
  if (at === -1) {
    return `${ends}: no entry has that head, so entries were removed from its end (with their evidence) or the log was replaced`;
  }
  const after = heads.length - at - 1;
  return `${ends}: that is the head of entry ${at + 1}, and ${after} ${after === 1 ? 'entry follows' : 'entries follow'} it (added since that head was written down?)`;
}

async function evidenceProblem(dir: string, entry: CaseEntry): Promise<string | undefined> {
  for (const file of entry.files) {
    const found = await digestFile(join(dir, file.path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (found === null) return `entry ${entry.seq}: its file ${file.path} is missing`;
    if (found.sha256 !== file.sha256 || found.bytes !== file.bytes) {
      return `entry ${entry.seq}: its file ${file.path} has changed (sha256 ${found.sha256}, ${found.bytes} bytes; the entry records ${file.sha256}, ${file.bytes} bytes)`;
    }
  }
  return undefined;
}
