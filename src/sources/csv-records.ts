// CSV exports (the CloudTrail console's Event history, CloudTrail Lake's saved query results) read with
// csv-parse: a header row naming the columns, then one record a row. A row that is not valid CSV (a quote
// never closed, a wrong number of fields) is rejected on its own and the rest of the file is still read.

import { type CsvError, type Options, parse } from 'csv-parse/sync';
import type { RecordSink } from './format-reader.ts';
import { lineAt } from './text-lines.ts';

/** Handles one row as [column, value] pairs; returns a reason to reject it, or nothing once handled. */
export type RowHandler = (cells: [string, string][], line: number) => string | undefined;

/** The column names of the header line at `start`, when it parses as CSV. */
export function csvHeader(text: string, start: number): string[] | undefined {
  try {
    const [header] = parse(lineAt(text, start), { bom: true, relax_quotes: true }) as string[][];
    return header?.map((column) => column.trim());
  } catch {
    return undefined;
  }
}

interface ParsedRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
  readonly raw: string;
}

/** Rows are numbered by the line they end on, as line formats number their records. */
export function readCsvRows(text: string, sink: RecordSink, handle: RowHandler): void {
  const options: Options & { on_skip: (error: CsvError, raw: string | undefined) => void } = {
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error, raw) => sink.reject(error.lines ?? null, `malformed CSV: ${error.message}`, raw),
  };
  const [header, ...rows] = parse(text, options) as ParsedRow[];
  if (header === undefined) return;
  const columns = header.record.map((column) => column.trim());
  for (const { record, info, raw } of rows) {
    const cells = columns.map((column, i): [string, string] => [column, record[i] ?? '']);
    const reason = handle(cells, info.lines);
    if (reason !== undefined) sink.reject(info.lines, reason, raw.trimEnd());
  }
}
