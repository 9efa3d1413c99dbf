// What a request to add evidence becomes, whichever surface it came from (`tarn case add`, the console): exactly
// one of a query, a note or a file, checked the same way, and the analyst it is recorded under.

import { userInfo } from 'node:os';
import { TarnError } from '../../tarn-error.ts';
import type { EntryDraft } from './case-append.ts';
import { fileEvidence, noteEvidence, queryEvidence } from './case-evidence.ts';

export interface EvidenceRequest {
  readonly lakeDir: string;
  readonly query?: string;
  readonly note?: string;
  readonly file?: string;
  readonly title?: string;
  /** Rows of a query's result recorded at most; undefined records every row. */
  readonly maxRows: number | undefined;
}

export async function draftEvidence(request: EvidenceRequest): Promise<EntryDraft> {
  const { query, note, file, title } = request;
  if ([query, note, file].filter((given) => given !== undefined).length !== 1) {
    throw new TarnError('add takes exactly one of --query SQL, --note TEXT or --file PATH', 2);
  }
  if (note !== undefined) return noteEvidence(note, title);
  if (file !== undefined) return fileEvidence(file, title);
  const { maxRows } = request;
  if (maxRows !== undefined && (!Number.isSafeInteger(maxRows) || maxRows < 1))
    throw new TarnError('--max-rows must be a positive whole number', 2);
  return queryEvidence({
    lakeDir: request.lakeDir,
    sql: query ?? '',
    title,
    ...(maxRows === undefined ? {} : { maxRows }),
  });
}

/** The name given, else $TARN_ANALYST, else the OS user. */
export function analystName(given: string | undefined): string {
  const name = given ?? process.env.TARN_ANALYST;
  if (name) return name;
  try {
    return userInfo().username;
  } catch {
    // A container user without a passwd entry has no name; the log still needs one.
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}
