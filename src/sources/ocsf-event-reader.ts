// Reads the input of a custom source: OCSF events as JSON lines, a JSON array, or one pretty-printed event
// (each gzipped or not), or an OCSF Parquet file. Like the log readers, it never throws on bad input: a file
// that cannot be read is one reject, a bad line or element a reject of its own.

import { decodeText } from './decompress.ts';
import { describeJson, isJsonObject, RecordSink, rawJson } from './format-reader.ts';
import { jsonErrorReason } from './json-error-position.ts';
import { firstNonBlank, readJsonLines } from './json-records.ts';
import type { RawRecord, Reject } from './log-file.ts';
import { isParquet, readParquetRecords } from './parquet-records.ts';

export interface OcsfEventRead {
  readonly records: readonly RawRecord[];
  readonly rejects: readonly Reject[];
  /** Byte sequences that were not UTF-8, read as U+FFFD. */
  readonly invalidUtf8: number;
  /** Parquet values come back JSON-shaped with 64-bit integers as strings; the caller restores them. */
  readonly parquet: boolean;
}

export async function readOcsfEvents(file: string, bytes: Buffer): Promise<OcsfEventRead> {
  const sink = new RecordSink(file);
  if (isParquet(bytes)) {
    const read = await readParquetRecords(file);
    if ('reason' in read) sink.reject(null, read.reason);
    else for (const [index, value] of read.records.entries()) sink.accept(index + 1, value);
    return { records: sink.records, rejects: sink.rejects, parquet: true, invalidUtf8: 0 };
  }
  const content = decodeText(bytes);
  if ('reason' in content) sink.reject(null, content.reason);
  else readJsonEvents(content.text, sink);
  const invalidUtf8 = 'reason' in content ? 0 : content.invalidUtf8;
  return { records: sink.records, rejects: sink.rejects, parquet: false, invalidUtf8 };
}

function readJsonEvents(text: string, sink: RecordSink): void {
  const start = firstNonBlank(text, 0);
  const newline = text.indexOf('\n', start);
  const firstLine = text.slice(start, newline === -1 ? text.length : newline);
  if (start === text.length) sink.reject(null, 'empty file');
  else if (text[start] === '{' && parsesAsObject(firstLine)) {
    readJsonLines(text, sink, (value, record) => void sink.accept(record, value));
  } else readEventDocument(text, sink);
}

/** A JSON array of events, or one event, maybe pretty-printed over many lines. */
function readEventDocument(text: string, sink: RecordSink): void {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    sink.reject(null, `malformed JSON: ${jsonErrorReason(error, text)}`, text);
    return;
  }
  if (isJsonObject(document)) sink.accept(1, document);
  else if (!Array.isArray(document)) {
    sink.reject(null, `expected OCSF events (JSON lines, an array or an object), got ${describeJson(document)}`);
  } else {
    for (const [index, item] of (document as unknown[]).entries()) {
      if (isJsonObject(item)) sink.accept(index + 1, item);
      else sink.reject(index + 1, `array element is ${describeJson(item)}, not an OCSF event`, rawJson(item));
    }
  }
}

function parsesAsObject(line: string): boolean {
  try {
    return isJsonObject(JSON.parse(line));
  } catch {
    return false;
  }
}
