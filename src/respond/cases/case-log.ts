// The case log read back as a chain: each line must parse, sit at its own position, point at the line
// before it and match its own hash. The first line that does not is where the log was tampered with or cut.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TarnError } from '../../tarn-error.ts';
import { type CaseEntry, entryHash, GENESIS, lineHash, parseEntryLine } from './case-entry.ts';
import { evidenceFolder, isEvidencePath, LOG_FILE } from './case-store.ts';

export interface ChainLink {
  readonly line: number;
  readonly text: string;
  readonly entry: CaseEntry;
}

export interface Chain {
  /** The entries that hold, in order, up to the first that does not. */
  readonly links: readonly ChainLink[];
  /** Why the chain breaks, naming the line or entry where it does. */
  readonly broken?: string;
}

export async function readLogText(dir: string): Promise<string> {
  try {
    return await readFile(join(dir, LOG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TarnError(`there is no case at ${dir}`);
    throw error;
  }
}

export async function readCaseLog(dir: string): Promise<Chain> {
  return readChain(await readLogText(dir));
}

export function readChain(text: string): Chain {
  if (text === '') return { links: [], broken: 'the log is empty: it has no open entry' };
  const lines = text.split('\n');
  const complete = lines.pop() === '';
  const links: ChainLink[] = [];
  for (const [index, line] of lines.entries()) {
    const broken = linkProblem(index + 1, line, links.at(-1)?.text);
    if (typeof broken === 'string') return { links, broken };
    links.push({ line: index + 1, text: line, entry: broken });
  }
  if (!complete) {
    const line = lines.length + 1;
    return { links, broken: `line ${line} is incomplete: the log ends mid-entry (an interrupted write or a cut copy)` };
  }
  return { links };
}

function linkProblem(line: number, text: string, prevText: string | undefined): CaseEntry | string {
  const entry = parseEntryLine(text);
  if (typeof entry === 'string') return `line ${line} ${entry}`;
  if (entry.seq !== line) {
    return `line ${line} holds entry ${entry.seq} where entry ${line} belongs: an entry was removed, inserted or moved`;
  }
  const where = `entry ${line}`;
  if ((entry.kind === 'open') !== (line === 1)) return `${where}: only the first entry opens the case`;
  const expected = prevText === undefined ? GENESIS : lineHash(prevText);
  if (entry.prev !== expected) {
    return `${where}: its prev does not match the line before it: an entry before it was changed, removed or inserted`;
  }
  if (entry.hash !== entryHash(entry)) return `${where}: its hash does not match its content: the entry was edited`;
  const folder = `${evidenceFolder(entry.seq)}/`;
  const stray = entry.files.find((file) => !isEvidencePath(file.path) || !file.path.startsWith(folder));
  if (stray) return `${where}: its file ${stray.path} is outside its evidence folder ${folder}`;
  return entry;
}
