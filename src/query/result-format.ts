// Query results as text: an aligned table for a terminal, CSV (RFC 4180) and JSON for other programs.

import type { QueryResult } from './query-engine.ts';
import type { QueryValue } from './result-values.ts';

export type ResultFormat = 'table' | 'csv' | 'json';

/** Table cells longer than this are cut, so one long request payload cannot push every other column off screen. */
const MAX_CELL_WIDTH = 60;

export function formatResult(result: QueryResult, format: ResultFormat): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'csv':
      return formatCsv(result);
    case 'table':
      return formatTable(result);
  }
}

/** Rows as arrays, not objects keyed by column name, so that a name used twice keeps both values. */
function formatJson(result: QueryResult): string {
  return JSON.stringify({ columns: result.columns.map((column) => column.name), rows: result.rows }, (_key, value) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

function formatCsv(result: QueryResult): string {
  const records = [result.columns.map((column) => column.name), ...result.rows.map((row) => row.map(cellText))];
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function formatTable(result: QueryResult): string {
  const header = result.columns.map((column) => column.name);
  const body = result.rows.map((row) => row.map((value) => (value === null ? 'NULL' : cellText(value))));
  const count = `(${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'}${result.truncated ? ', truncated' : ''})`;
  return `${renderTextTable(header, body)}\n${count}`;
}

/** An aligned plain-text table; every terminal table of Tarn's is drawn by this one function. */
export function renderTextTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const cells = body.map((row) => row.map(tableCell));
  const widths = header.map((name, i) => Math.max(name.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, i) => ` ${cell.padEnd(widths[i] ?? 0)} `).join('|');
  return [line(header), widths.map((width) => '-'.repeat(width + 2)).join('+'), ...cells.map(line)]
    .map((text) => text.trimEnd())
    .join('\n');
}

/** One line per row: line breaks are shown escaped, and long text is cut with an ellipsis. */
function tableCell(text: string): string {
  const oneLine = text.replaceAll('\r', '\\r').replaceAll('\n', '\\n').replaceAll('\t', '\\t');
  return oneLine.length > MAX_CELL_WIDTH ? `${oneLine.slice(0, MAX_CELL_WIDTH - 1)}…` : oneLine;
}

/** A cell as Athena's console and CSV files write it: NULL empty, `{name=value, …}` for structs and maps, `[a, b]` for arrays. */
export function cellText(value: QueryValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return `[${value.map(nestedText).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${nestedText(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function nestedText(value: QueryValue): string {
  return value === null ? 'null' : cellText(value);
}
