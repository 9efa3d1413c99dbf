// CloudTrail as people export it by hand: the console's Event history "Download events" as CSV (a column
// `CloudTrail event` holds each whole event as JSON; the JSON download is `{"Records":[...]}`, which the
// delivery format reads), CloudTrail Lake query results saved to S3 (`…/CloudTrail-Lake/Query/…/result_N.csv.gz`,
// a header of the query's columns), and `aws cloudtrail get-query-results` output (`QueryResultRows`, each
// row a list of one-key objects). Lake rows become events in cloudtrail-lake-rows.ts. The `result_sign.json`
// saved beside the result files is told apart, so that its reject says what it is.

import { eventFromText } from './cloudtrail-formats.ts';
import { lakeRowEvent } from './cloudtrail-lake-rows.ts';
import { csvHeader, readCsvRows } from './csv-records.ts';
import {
  describeJson,
  type FormatReader,
  isJsonObject,
  type JsonObject,
  type RecordSink,
  rawJson,
} from './format-reader.ts';
import { readJsonDocument } from './json-records.ts';

const EVENT_COLUMN = 'cloudtrail event';
/** A header naming one of these is a Lake result over events; names are compared in lower case. */
const LAKE_EVENT_COLUMNS = new Set(['eventtime', 'eventname', 'eventsource', 'eventid']);

export const CONSOLE_CSV: FormatReader = {
  format: 'cloudtrail-console-csv',
  kind: 'cloudtrail',
  layout: 'lines',
  matches: () => false,
  read: (text, sink) =>
    readCsvRows(text, sink, (cells, line) => {
      const cell = cells.find(([column]) => column.toLowerCase() === EVENT_COLUMN);
      if (cell === undefined || cell[1].trim() === '') return 'row has no "CloudTrail event" JSON to read';
      const event = eventFromText(cell[1], 'the "CloudTrail event" column');
      if (typeof event === 'string') return event;
      sink.accept(line, event);
    }),
};

export const LAKE_CSV: FormatReader = {
  format: 'cloudtrail-lake-csv',
  kind: 'cloudtrail',
  layout: 'lines',
  matches: () => false,
  read: (text, sink) => readCsvRows(text, sink, (cells, line) => acceptRow(sink, cells, line)),
};

/** The CSV format a header line names, if any; other CSV is left to be rejected as unknown. */
export function csvFormatOf(text: string, start: number): FormatReader | undefined {
  const columns = csvHeader(text, start)?.map((column) => column.toLowerCase());
  if (columns === undefined || columns.length < 2) return undefined;
  if (columns.includes(EVENT_COLUMN)) return CONSOLE_CSV;
  return columns.some((column) => LAKE_EVENT_COLUMNS.has(column)) ? LAKE_CSV : undefined;
}

function acceptRow(sink: RecordSink, cells: Iterable<readonly [string, unknown]>, record: number): string | undefined {
  const event = lakeRowEvent(cells);
  if (typeof event === 'string') return event;
  sink.accept(record, event);
}

/** A result row is a list of one-key objects, `[{"eventName":"…"}, {"eventTime":"…"}]`, in column order. */
function rowCells(row: unknown): [string, unknown][] | string {
  if (!Array.isArray(row)) return `result row is ${describeJson(row)}, not a list of columns`;
  const cells: [string, unknown][] = [];
  for (const column of row) {
    const entries = isJsonObject(column) ? Object.entries(column) : [];
    if (entries.length !== 1) return 'result row holds something other than one-key column objects';
    cells.push(entries[0] as [string, unknown]);
  }
  return cells;
}

export const LAKE_QUERY_RESULTS: FormatReader = {
  format: 'cloudtrail-lake-query-results',
  kind: 'cloudtrail',
  layout: 'document',
  matches: (document) => Array.isArray(document.QueryResultRows),
  read: (text, sink, document) =>
    readJsonDocument(text, document, sink, (parsed) => {
      const rows = isJsonObject(parsed) ? parsed.QueryResultRows : undefined;
      if (!Array.isArray(rows)) return 'expected an object with a "QueryResultRows" array';
      rows.forEach((row, index) => {
        const cells = rowCells(row);
        const reason = typeof cells === 'string' ? cells : acceptRow(sink, cells, index + 1);
        if (reason !== undefined) sink.reject(index + 1, reason, rawJson(row));
      });
    }),
};

/**
 * The signature file of Lake results saved to S3 (`result_sign.json`, for `aws cloudtrail verify-query-results`):
 * `{"version", "region", "files": [{"fileHashValue", "fileName"}], "hashAlgorithm", "signatureAlgorithm",
 * "queryCompleteTime", "hashSignature", "publicKeyFingerprint"}`. It arrives in the same folders as the results,
 * so it is rejected with its own reason rather than the unknown-format one; it is never skipped silently.
 */
export function lakeResultSignatureReason(document: JsonObject): string | undefined {
  const isSignature =
    Array.isArray(document.files) &&
    typeof document.hashSignature === 'string' &&
    typeof document.queryCompleteTime === 'string';
  return isSignature
    ? 'CloudTrail Lake result signature file: it holds hashes of the result files, not events'
    : undefined;
}

export const CLOUDTRAIL_EXPORT_FORMATS: readonly FormatReader[] = [CONSOLE_CSV, LAKE_CSV, LAKE_QUERY_RESULTS];
