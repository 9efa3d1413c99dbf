// What an entry holds, prepared before the case is locked: a query's text and result with the lake state
// it was taken from, a note, or a copy of a file. A query runs outside the lock so that a slow one does not
// hold up other analysts' notes.

import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { readLakeState } from '../../lake/ledger.ts';
import { formatResult, openQueryEngine, type QueryEngine, type QueryResult } from '../../query/index.ts';
import { TarnError } from '../../tarn-error.ts';
import type { EntryDraft } from './case-append.ts';
import type { LakeState } from './case-entry.ts';

export const QUERY_FILE = 'query.sql';
export const RESULT_JSON_FILE = 'result.json';
export const RESULT_CSV_FILE = 'result.csv';
export const NOTE_FILE = 'note.txt';

/** Titles are for the log's table; the full text is in the entry or its files. */
const TITLE_LENGTH = 80;
/** An ingest that commits while the engine opens changes what it sees; try again a few times, then give up. */
const LEDGER_ATTEMPTS = 3;

export interface QueryEvidenceOptions {
  readonly lakeDir: string;
  readonly sql: string;
  readonly title?: string;
  readonly maxRows?: number;
  readonly timeoutMs?: number;
}

export async function queryEvidence(options: QueryEvidenceOptions): Promise<EntryDraft> {
  const lakeDir = resolve(options.lakeDir);
  const { engine, lake } = await openAtKnownState(lakeDir, options.timeoutMs);
  try {
    const result = await engine.run(options.sql, { maxRows: options.maxRows, readsOnly: true });
    return {
      kind: 'query',
      title: options.title ?? headline(options.sql),
      query: options.sql,
      result: { rows: result.rows.length, truncated: result.truncated },
      lake,
      files: [
        { name: QUERY_FILE, content: options.sql },
        { name: RESULT_JSON_FILE, content: formatResult(result, 'json') },
        { name: RESULT_CSV_FILE, content: formatResult(result, 'csv') },
      ],
      preview: firstRows(result),
    };
  } finally {
    await engine.close();
  }
}

/** Rows shown when a query is added: enough to see it recorded what was meant, not the whole result. */
export const PREVIEW_ROWS = 10;

function firstRows(result: QueryResult): string {
  const shown = Math.min(PREVIEW_ROWS, result.rows.length);
  const of = shown === result.rows.length ? `${shown}` : `first ${shown} of ${result.rows.length}`;
  const table = formatResult({ ...result, rows: result.rows.slice(0, shown), truncated: false }, 'table');
  // The table's own "(N rows)" line would count the shown rows only; the line above it says both.
  const lines = table.trimEnd().split('\n').slice(0, -1);
  return `${of} ${result.rows.length === 1 ? 'row' : 'rows'}${result.truncated ? ' (more rows exist past --max-rows)' : ''}:\n${lines.join('\n')}\n`;
}

/** An engine with the lake state it was built from: the state is read before and after it opens, and must not change. */
async function openAtKnownState(
  lakeDir: string,
  timeoutMs: number | undefined,
): Promise<{ engine: QueryEngine; lake: LakeState }> {
  for (let attempt = 0; attempt < LEDGER_ATTEMPTS; attempt++) {
    const before = await lakeState(lakeDir);
    const engine = await openQueryEngine({ lakeDir, timeoutMs });
    if ((await lakeState(lakeDir)).state === before.state) {
      return { engine, lake: { ledgerPosition: before.seq, ledgerSha256: before.state, lakeDir } };
    }
    await engine.close();
  }
  throw new TarnError(`the lake ${lakeDir} kept changing while the query was being prepared; try again`);
}

/** The lake-state hash (see ledger.ts), which stays the same while the committed files do. */
async function lakeState(lakeDir: string): Promise<{ seq: number; state: string }> {
  const state = await readLakeState(lakeDir);
  if (state === null) throw new TarnError(`there is no lake at ${lakeDir} (no ledger in _tarn/); give it with --lake`);
  return state;
}

export function noteEvidence(text: string, title?: string): EntryDraft {
  if (text.trim() === '') throw new TarnError('the note is empty', 2);
  return { kind: 'note', title: title ?? headline(text), files: [{ name: NOTE_FILE, content: text }] };
}

export async function fileEvidence(path: string, title?: string): Promise<EntryDraft> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new TarnError(`${path} is not a file`, 2);
  const name = basename(path);
  return { kind: 'file', title: title ?? name, files: [{ name, copyFrom: path }] };
}

function headline(text: string): string {
  const first = text.trim().split('\n')[0]?.trim() ?? '';
  return first.length > TITLE_LENGTH ? `${first.slice(0, TITLE_LENGTH - 1)}…` : first;
}
