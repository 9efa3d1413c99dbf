// What each log format provides to the reader, and the sink its records and rejects go into.

import { depthReason, nestedDeeperThan } from './json-depth.ts';
import type { LogFileRead, LogFormat, RawRecord, RecordConsumer, RecordKind, Reject } from './log-file.ts';

export type JsonObject = Record<string, unknown>;

export interface FormatReader {
  readonly format: LogFormat;
  readonly kind: RecordKind;
  /** A document is one JSON value for the whole file; a line format holds one JSON value per line. */
  readonly layout: 'document' | 'lines';
  /** Whether a parsed first record (the whole document, or the first line) has this format's shape. */
  matches(first: JsonObject): boolean;
  /** Reads the file's text; `document` is the whole file already parsed, when detection had to parse it. */
  read(text: string, sink: RecordSink, document?: unknown): void;
}

/** Dead-letter entries keep at most this many bytes of UTF-8 of the rejected text. */
export const RAW_LIMIT_BYTES = 64 * 1024;
const rawBuffer = new Uint8Array(RAW_LIMIT_BYTES);
const encoder = new TextEncoder();

export class RecordSink {
  readonly records: RawRecord[] = [];
  readonly rejects: Reject[] = [];
  /** Set by the file's reader once it decoded the text. */
  invalidUtf8 = 0;
  private consumer: RecordConsumer | undefined;
  /** The one value whose depth its reader measured in the text, within the limit (`measuredShallow`). */
  private measured: unknown;

  constructor(readonly file: string) {}

  /**
   * Tells the sink that `value`, about to be handed over, is nested no deeper than the limit: its reader
   * counted the brackets of its text. Only that very object is spared the walk, not what a handler makes of it.
   */
  measuredShallow(value: unknown): void {
    this.measured = value;
  }

  /** Hands every record accepted from now on to `consumer` instead of keeping it. */
  consumeWith(consumer: RecordConsumer): void {
    this.consumer = consumer;
  }

  accept(record: number, value: JsonObject): void {
    const measured = value === this.measured;
    this.measured = undefined;
    // Every reader hands its records over here, so this one check keeps deep records out of every format.
    if (!measured && nestedDeeperThan(value)) this.reject(record, depthReason(), shallowText(value));
    else if (this.consumer !== undefined) this.consumer.add({ record, value });
    else this.records.push({ record, value });
  }

  /** Forgets every record and reject so far: the reader starts the file over. */
  discard(): void {
    this.records.length = 0;
    this.rejects.length = 0;
    this.consumer?.discard();
  }

  reject(record: number | null, reason: string, raw?: string): void {
    const { file } = this;
    this.rejects.push(raw === undefined ? { file, record, reason } : { file, record, reason, raw: clipRaw(raw) });
  }

  /** What was read, by the reader that read it (null when the file was rejected whole before any reader). */
  result(reader: FormatReader | null): LogFileRead {
    const { file, records, rejects, invalidUtf8 } = this;
    const read = { file, format: reader?.format ?? null, kind: reader?.kind ?? null, records, rejects };
    return invalidUtf8 > 0 ? { ...read, invalidUtf8 } : read;
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names a JSON value's type for a reason: "an array", "a string", "null". */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Lists an object's first keys for a reason: "keys line, rule_id, file" or "an empty object". */
export function describeKeys(value: JsonObject): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  return `keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
}

/** A rejected value's text for the dead-letter area; only the top level of one nested too deep to write. */
export function rawJson(value: unknown): string {
  if (!nestedDeeperThan(value)) return JSON.stringify(value) ?? String(value);
  return Array.isArray(value) ? JSON.stringify(value.map(describeOrValue)) : shallowText(value as JsonObject);
}

/** The record's top-level keys: its full text cannot be written (JSON.stringify would overflow on it). */
function shallowText(value: JsonObject): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describeOrValue(v)])));
}

function describeOrValue(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? `(${describeJson(value)})` : value;
}

/** The longest prefix of `text` within the byte limit, cut between characters, never inside one. */
function clipRaw(text: string): string {
  if (text.length * 3 <= RAW_LIMIT_BYTES) return text;
  const { read } = encoder.encodeInto(text, rawBuffer);
  return read === text.length ? text : text.slice(0, read);
}
