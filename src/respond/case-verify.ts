// Checks a case folder end to end: the chain of log entries, every evidence file against the hash its entry
// records, and that the folder holds no file that no entry records. Stops at the first problem, in log order.

import { join } from 'node:path';
import { type CaseEntry, lineHash } from './case-entry.ts';
import { readCaseLog } from './case-log.ts';
import { digestFile, LOG_FILE, listCaseFiles } from './case-store.ts';

export type Verification =
  | {
      readonly ok: true;
      readonly entries: number /** SHA-256 of the last line: record it elsewhere to pin the whole log. */;
      readonly head: string;
    }
  | { readonly ok: false; readonly problem: string };

export async function verifyCase(dir: string): Promise<Verification> {
  const { links, broken } = await readCaseLog(dir);
  for (const { entry } of links) {
    const problem = await evidenceProblem(dir, entry);
    if (problem) return { ok: false, problem };
  }
  if (broken) return { ok: false, problem: broken };
  const recorded = new Set(links.flatMap(({ entry }) => entry.files.map((file) => file.path)));
  const extra = (await listCaseFiles(dir)).find((path) => path !== LOG_FILE && !recorded.has(path));
  if (extra) return { ok: false, problem: `${extra} is held by no entry: a file was added to the case` };
  return { ok: true, entries: links.length, head: lineHash(links.at(-1)?.text ?? '') };
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
