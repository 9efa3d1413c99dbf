// Query results as text: an aligned table for a terminal, Markdown or an HTML page for a ticket, CSV
// (RFC 4180), JSON and JSON lines for other programs. Each format is produced a row at a time, so a result larger than one
// JavaScript string can hold is streamed rather than built whole.

import { TarnError } from '../tarn-error.ts';
import type { QueryResult } from './query-engine.ts';
import type { QueryValue } from './result-values.ts';

export const RESULT_FORMATS = ['table', 'csv', 'json', 'jsonl', 'markdown', 'html'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export interface TableLayout {
  /** The widest a table line may be (the terminal's width); cells are cut to fit. Unbounded when not given. */
  readonly width?: number;
  /** One `column | value` line per cell, each row under its own header, as psql's `\x`. */
  readonly vertical?: boolean;
  /** False leaves out the `(N rows)` line under a table, Markdown or HTML, for a command that says more itself. */
  readonly counted?: boolean;
  /** The HTML page's title. */
  readonly title?: string;
}

/** The whole result as one string, for results known to be small (case evidence, the demo). */
export function formatResult(result: QueryResult, format: ResultFormat, layout: TableLayout = {}): string {
  return [...resultChunks(result, format, layout)].join('');
}

/** The result's text in pieces of about a row each. */
export function* resultChunks(result: QueryResult, format: ResultFormat, layout: TableLayout = {}): Generator<string> {
  const rows = result.rows.entries();
  switch (format) {
    case 'json': {
      const names = JSON.stringify(result.columns.map((column) => column.name));
      yield `{"columns":${names},"truncated":${result.truncated},"rows":[`;
      for (const [i, row] of rows) yield `${i === 0 ? '' : ','}${rowJson(isoTimes(result, row), i)}`;
      yield ']}\n';
      return;
    }
    case 'jsonl':
      for (const [i, row] of rows) yield `${rowJson(isoTimes(result, row), i)}\n`;
      return;
    case 'csv':
      yield csvLine(result.columns.map((column) => column.name));
      for (const [i, row] of rows) yield guarded(i, () => csvLine(row.map(cellText)));
      return;
    case 'markdown':
      yield* markdownLines(result, layout.counted !== false);
      return;
    case 'html':
      yield* htmlLines(result, layout);
      return;
    case 'table': {
      const table = layout.vertical === true ? verticalTable(result) : formatTable(result, layout.width);
      yield `${table === '' ? '' : `${table}\n`}${layout.counted === false ? '' : `${rowCount(result)}\n`}`;
      return;
    }
  }
}

/** JSON's timestamps are ISO 8601 with Z, as every program reading JSON expects; the text forms keep Athena's. */
function isoTimes(result: QueryResult, row: readonly QueryValue[]): readonly QueryValue[] {
  return row.map((value, i) => {
    if (typeof value !== 'string' || !result.columns[i]?.type.startsWith('timestamp')) return value;
    const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: UTC)?$/.exec(value);
    return match === null ? value : `${match[1]}T${match[2]}Z`;
  });
}

/** Rows as arrays, not objects keyed by column name, so that a name used twice keeps both values. */
function rowJson(row: readonly QueryValue[], index: number): string {
  return guarded(index, () =>
    JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)),
  );
}

/** A row too large for one string (V8 caps strings near 512 MB) is named, not a RangeError from deep inside. */
function guarded(index: number, render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new TarnError(
      `row ${index + 1} is too large to print (over the 512 MB a JavaScript string holds); select fewer or shorter columns`,
    );
  }
}

function csvLine(record: readonly string[]): string {
  return `${record.map(csvField).join(',')}\r\n`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function* markdownLines(result: QueryResult, counted: boolean): Generator<string> {
  const cell = (text: string) => oneLine(text).replaceAll('|', '\\|');
  yield `| ${result.columns.map((column) => cell(column.name)).join(' | ')} |\n`;
  yield `|${result.columns.map((column) => (isNumeric(column.type) ? ' ---: |' : ' --- |')).join('')}\n`;
  for (const row of result.rows)
    yield `| ${row.map((value) => cell(value === null ? 'NULL' : cellText(value))).join(' | ')} |\n`;
  if (counted) yield `\n${rowCount(result)}\n`;
}

const HTML_STYLE =
  'body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;font-size:12px}td.n,th.n{text-align:right}td.null{color:#888}';

/** One self-contained page (inline CSS, no scripts), a row a line; timestamps say UTC in their header. */
function* htmlLines(result: QueryResult, layout: TableLayout): Generator<string> {
  const numeric = result.columns.map((column) => isNumeric(column.type));
  const attr = (i: number, isNull = false) => (numeric[i] === true ? ' class="n"' : isNull ? ' class="null"' : '');
  yield `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(layout.title ?? 'Tarn')}</title><style>${HTML_STYLE}</style></head><body>\n`;
  yield `<table>\n<thead><tr>${headerNames(result)
    .map((name, i) => `<th${attr(i)}>${escapeHtml(name)}</th>`)
    .join('')}</tr></thead>\n<tbody>\n`;
  for (const row of result.rows) {
    const cells = row.map((value, i) =>
      value === null ? `<td${attr(i, true)}>NULL</td>` : `<td${attr(i)}>${escapeHtml(cellText(value))}</td>`,
    );
    yield `<tr>${cells.join('')}</tr>\n`;
  }
  yield `</tbody>\n</table>\n${layout.counted === false ? '' : `<p>${escapeHtml(rowCount(result))}</p>\n`}</body></html>\n`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A table's header: timestamps say they are UTC. */
function headerNames(result: QueryResult): string[] {
  return result.columns.map((column) => (column.type.startsWith('timestamp') ? `${column.name} (UTC)` : column.name));
}

function formatTable(result: QueryResult, width: number | undefined): string {
  const body = result.rows.map((row) => row.map((value) => (value === null ? 'NULL' : cellText(value))));
  const right = result.columns.map((column) => isNumeric(column.type));
  return renderTextTable(headerNames(result), body, { width, right });
}

function verticalTable(result: QueryResult): string {
  const width = Math.max(0, ...result.columns.map((column) => column.name.length));
  return result.rows
    .map((row, i) =>
      [
        `-[ RECORD ${i + 1} ]${'-'.repeat(Math.max(0, width - 10))}`,
        ...row.map(
          (value, c) =>
            `${(result.columns[c]?.name ?? '').padEnd(width)} | ${oneLine(value === null ? 'NULL' : cellText(value))}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

function rowCount(result: QueryResult): string {
  const n = result.rows.length;
  return `(${n} ${n === 1 ? 'row' : 'rows'}${result.truncated ? ', truncated: more rows exist; see --max-rows' : ''})`;
}

const NUMERIC = /^(tinyint|smallint|integer|bigint|real|double|decimal|hugeint)/;
function isNumeric(type: string): boolean {
  return NUMERIC.test(type);
}

export interface TextTableOptions {
  /** The widest a line may be; the widest columns are cut first. */
  readonly width?: number | undefined;
  /** Columns aligned right (numbers). */
  readonly right?: readonly boolean[];
}

/** An aligned plain-text table; every terminal table of Tarn's is drawn by this one function. */
export function renderTextTable(
  header: readonly string[],
  body: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string {
  const cells = body.map((row) => row.map(oneLine));
  const widths = fitWidths(
    header.map((name, i) => Math.max(name.length, ...cells.map((row) => (row[i] ?? '').length))),
    options.width,
  );
  const pad = (cell: string, i: number) => {
    const width = widths[i] ?? 0;
    const cut = cell.length > width ? `${cell.slice(0, Math.max(0, width - 1))}…` : cell;
    return options.right?.[i] === true ? cut.padStart(width) : cut.padEnd(width);
  };
  const line = (row: readonly string[]) => row.map((cell, i) => ` ${pad(cell, i)} `).join('|');
  return [line(header), widths.map((width) => '-'.repeat(width + 2)).join('+'), ...cells.map(line)]
    .map((text) => text.trimEnd())
    .join('\n');
}

/** Narrows the widest columns until the line (3 characters of border per column) fits the width given. */
function fitWidths(widths: number[], total: number | undefined): number[] {
  if (total === undefined) return widths;
  const fitted = [...widths];
  const lineWidth = () => fitted.reduce((sum, width) => sum + width + 3, -1);
  while (lineWidth() > total) {
    const widest = Math.max(...fitted);
    if (widest <= 8) break;
    fitted[fitted.indexOf(widest)] = widest - 1;
  }
  return fitted;
}

/** Line breaks and tabs shown escaped, so a row stays one line. */
function oneLine(text: string): string {
  return text.replaceAll('\r', '\\r').replaceAll('\n', '\\n').replaceAll('\t', '\\t');
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
