// Turns a file's text into positioned JSON objects, for both layouts: one value per line, or an array inside
// one document. A bad line or element is rejected on its own; the rest of the file is still read.

import {
  describeJson,
  describeKeys,
  type FormatReader,
  isJsonObject,
  type JsonObject,
  type RecordSink,
  rawJson,
} from './format-reader.ts';
import { MAX_JSON_DEPTH } from './json-depth.ts';
import { jsonErrorReason } from './json-error-position.ts';
import type { LogFormat, RecordKind } from './log-file.ts';
import { SplitArray } from './records-array-split.ts';

/** Handles one object; returns a reason to reject it whole (with its raw text), or nothing once handled. */
export type ObjectHandler = (value: JsonObject, record: number) => string | undefined;

/**
 * The handler most formats need: keep each record `is` recognises (passed through `keep`, which may attach
 * what the file's path says) and reject any other with `whyNot`.
 */
export function acceptWhen(
  sink: RecordSink,
  is: (value: JsonObject) => boolean,
  whyNot: (value: JsonObject) => string,
  keep: (value: JsonObject) => JsonObject = (value) => value,
): ObjectHandler {
  return (value, record) => {
    if (!is(value)) return whyNot(value);
    sink.accept(record, keep(value));
  };
}

export function readJsonLines(text: string, sink: RecordSink, handle: ObjectHandler): void {
  let line = 0;
  let start = 0;
  // indexOf rather than split: no array of every line of a large file, and no regular expression.
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const stop = newline === -1 ? text.length : newline;
    const end = stop > start && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop;
    line++;
    if (end > start) readLine(text.slice(start, end), line, sink, handle);
    start = stop + 1;
  }
}

function readLine(raw: string, line: number, sink: RecordSink, handle: ObjectHandler): void {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    if (firstNonBlank(raw, 0) < raw.length) sink.reject(line, `malformed JSON: ${jsonErrorReason(error, raw)}`, raw);
    return;
  }
  const reason = isJsonObject(value) ? handle(value, line) : `line is ${describeJson(value)}, not a JSON object`;
  if (reason !== undefined) sink.reject(line, reason, raw);
}

/**
 * Hands over each element of the document's top-level array `key`, parsing the text unless `document` is
 * the already parsed file. A document that does not parse, or has no such array, rejects the whole file.
 */
export function readJsonArray(
  text: string,
  document: unknown,
  key: string,
  sink: RecordSink,
  handle: ObjectHandler,
): void {
  const element = (item: unknown, index: number) => {
    const record = index + 1;
    const reason = isJsonObject(item)
      ? handle(item, record)
      : `"${key}" element is ${describeJson(item)}, not an object`;
    if (reason !== undefined) sink.reject(record, reason, rawJson(item));
  };
  if (document instanceof SplitArray && document.key === key && readElements(document, sink, element)) return;
  readJsonDocument(text, document instanceof SplitArray ? undefined : document, sink, (parsed) => {
    const items = isJsonObject(parsed) ? parsed[key] : undefined;
    if (!Array.isArray(items)) {
      const got = isJsonObject(parsed) ? describeKeys(parsed) : describeJson(parsed);
      return `expected an object with a "${key}" array, got ${got}`;
    }
    for (let index = 0; index < items.length; index++) element(items[index], index);
  });
}

/**
 * Parses and hands over one element at a time. False, with everything handed over discarded, when an element
 * does not parse: the document is then not JSON, and parsing it whole names the error as it always did.
 */
function readElements(split: SplitArray, sink: RecordSink, element: (item: unknown, index: number) => void): boolean {
  for (let index = 0; index < split.length; index++) {
    let item: unknown;
    try {
      item = JSON.parse(split.element(index));
    } catch {
      sink.discard();
      return false;
    }
    if ((split.depths[index] as number) <= MAX_JSON_DEPTH) sink.measuredShallow(item);
    element(item, index);
  }
  return true;
}

/**
 * Hands over the whole document, parsing the text unless `document` is the already parsed file. A document
 * that does not parse, or that `handle` gives a reason against, rejects the whole file.
 */
export function readJsonDocument(
  text: string,
  document: unknown,
  sink: RecordSink,
  handle: (parsed: unknown) => string | undefined,
): void {
  let parsed = document;
  if (parsed === undefined) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      sink.reject(null, `malformed JSON: ${jsonErrorReason(error, text)}`, text);
      return;
    }
  }
  const reason = handle(parsed);
  if (reason !== undefined) sink.reject(null, reason, text);
}

/** Offset of the first non-whitespace character at or after `from`, or text.length when there is none. */
export function firstNonBlank(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return i;
}

/** Most JSON formats differ only in their shape test and record handler: a file of one object a line… */
export function jsonLinesFormat(
  format: LogFormat,
  kind: RecordKind,
  matches: (first: JsonObject) => boolean,
  handler: (sink: RecordSink) => ObjectHandler,
): FormatReader {
  return { format, kind, layout: 'lines', matches, read: (text, sink) => readJsonLines(text, sink, handler(sink)) };
}

/** …or one document whose records are the array under `key` (by default, any document that has that array). */
export function jsonArrayFormat(
  format: LogFormat,
  kind: RecordKind,
  key: string,
  handler: (sink: RecordSink) => ObjectHandler,
  matches: (document: JsonObject) => boolean = (document) => Array.isArray(document[key]),
): FormatReader {
  return {
    format,
    kind,
    layout: 'document',
    matches,
    read: (text, sink, document) => readJsonArray(text, document, key, sink, handler(sink)),
  };
}
