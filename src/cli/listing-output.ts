// What `sources`, `detect`, `case log` and `timeline` list, in the format asked for, with `tarn query`'s
// vocabulary: the table, CSV, Markdown and HTML are written by the query results' formatter from the rows as a
// result, so every command writes them alike; JSON and JSON lines are the command's own data, keys in snake_case.

import { snakeCaseJson, snakeCaseKeys } from '../json-keys.ts';
import { type QueryResult, RESULT_FORMATS, type ResultFormat, resultChunks } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type OptionSpec, type ParsedArgs, stringOption } from './command.ts';

export const LISTING_OPTIONS: OptionSpec = {
  format: { type: 'string', default: 'table' },
  wide: { type: 'boolean', default: false },
};

/** The option lines of a command's help; `json` says what the command's JSON holds. */
export function listingUsage(json: string, jsonl: string): string {
  return `  --format F     table (default; numbers right-aligned, cut to the terminal's width), csv, json (${json}),
                 jsonl (${jsonl}), markdown (a table for a ticket) or html (one self-contained page)
  --wide         do not cut table cells to the terminal's width`;
}

export interface Listing {
  /** The rows as a result: what the table, CSV, Markdown and HTML show. Timestamp columns say UTC. */
  readonly result: QueryResult;
  /** `--format json`: the whole. */
  readonly json: unknown;
  /** `--format jsonl`: one value a line. */
  readonly lines: readonly unknown[];
  /** Lines printed under the table and the Markdown (a count, a log's head), in place of the row count. */
  readonly footer?: string;
  /** The HTML page's title. */
  readonly title: string;
}

/** `--format F`, checked before any work. */
export function listingFormat(args: ParsedArgs): ResultFormat {
  const format = stringOption(args, 'format') ?? 'table';
  if (!(RESULT_FORMATS as readonly string[]).includes(format))
    throw new TarnError(`--format must be one of ${RESULT_FORMATS.join(', ')}`, 2);
  return format as ResultFormat;
}

export function listingText(listing: Listing, format: ResultFormat, args: ParsedArgs, io: CliIO): string {
  if (format === 'json') return snakeCaseJson(listing.json);
  if (format === 'jsonl') return listing.lines.map((line) => `${JSON.stringify(snakeCaseKeys(line))}\n`).join('');
  const width = args.values.wide === true ? undefined : io.columns;
  const footer = listing.footer === undefined ? {} : { counted: false };
  const text = [
    ...resultChunks(listing.result, format, {
      ...(width === undefined ? {} : { width }),
      ...footer,
      title: listing.title,
    }),
  ].join('');
  if (listing.footer === undefined || (format !== 'table' && format !== 'markdown')) return text;
  return `${text}${format === 'markdown' ? '\n' : ''}${listing.footer}`;
}

/** A result of text columns (and the types given), for the rows a command lists. */
export function listingResult(
  columns: readonly (readonly [name: string, type: string])[],
  rows: readonly (readonly (string | number | null)[])[],
): QueryResult {
  return { columns: columns.map(([name, type]) => ({ name, type })), rows, truncated: false };
}

/** An ISO 8601 time (`2024-03-10T08:00:00.000Z`) as tables show timestamps: `2024-03-10 08:00:00.000`, UTC said in the header. */
export function tableTime(iso: string): string {
  return iso.replace('T', ' ').replace(/Z$/, '');
}

export const WIDE_OPTION: OptionSpec = { wide: { type: 'boolean', default: false } };

/**
 * What a maintenance command did (ingest, compact, retain, attach) as the listings' table: numbers (the columns
 * typed `bigint`, given already formatted) right-aligned, cells cut at the terminal's width unless `--wide`.
 */
export function summaryTable(
  columns: readonly (readonly [name: string, type: string])[],
  rows: readonly (readonly (string | number | null)[])[],
  args: ParsedArgs,
  io: CliIO,
): string {
  const listing = { result: listingResult(columns, rows), json: null, lines: [], footer: '', title: '' };
  return listingText(listing, 'table', args, io);
}
