// Tells a file's format from its first bytes and its first record, parsing no more than it must: the first
// line, or, when the first line is not JSON on its own (a pretty-printed document), the whole document once,
// which the format's reader then takes over rather than parsing it again.

import { ASFF_FORMATS } from './asff-formats.ts';
import { CLOUDTRAIL_EXPORT_FORMATS, csvFormatOf, lakeResultSignatureReason } from './cloudtrail-export-formats.ts';
import { CLOUDTRAIL_FORMATS } from './cloudtrail-formats.ts';
import { EKS_FORMATS } from './eks-formats.ts';
import { describeJson, describeKeys, type FormatReader, isJsonObject } from './format-reader.ts';
import { GUARDDUTY_FORMATS } from './guardduty-formats.ts';
import { jsonErrorReason } from './json-error-position.ts';
import { firstNonBlank } from './json-records.ts';
import type { LogFormat } from './log-file.ts';
import { splitRecordsArray } from './records-array-split.ts';
import { ROUTE53_FORMATS } from './route53-formats.ts';
import { isVpcFlowHeader, VPC_FLOW_FORMATS, VPC_FLOW_TEXT } from './vpc-flow-formats.ts';
import { VPC_FLOW_PARQUET } from './vpc-flow-parquet.ts';
import { WAF_FORMATS } from './waf-formats.ts';

const LOG_FORMATS: readonly FormatReader[] = [
  ...CLOUDTRAIL_FORMATS,
  ...CLOUDTRAIL_EXPORT_FORMATS,
  ...GUARDDUTY_FORMATS,
  ...ASFF_FORMATS,
  ...VPC_FLOW_FORMATS,
  VPC_FLOW_PARQUET,
  ...ROUTE53_FORMATS,
  ...WAF_FORMATS,
  ...EKS_FORMATS,
];
const DOCUMENT_FORMATS = LOG_FORMATS.filter((reader) => reader.layout === 'document');
const LINE_FORMATS = LOG_FORMATS.filter((reader) => reader.layout === 'lines');
export const FORMAT_NAMES = LOG_FORMATS.map((reader) => reader.format).join(', ');
/** What `classify` makes of any document with a "Records" array: CloudTrail's delivery format. */
export const RECORDS_DOCUMENT_FORMAT = LOG_FORMATS.find((reader) => reader.matches({ Records: [] }));

export type Detection =
  | { readonly reader: FormatReader; readonly document?: unknown }
  | { readonly reason: string; readonly raw?: string };

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export function formatReader(format: LogFormat): FormatReader | undefined {
  return LOG_FORMATS.find((reader) => reader.format === format);
}

/** Detects the format of a file's text, which holds at least one non-whitespace character. */
export function detectFormat(text: string): Detection {
  const start = firstNonBlank(text, 0);
  if (text.charCodeAt(start) !== 0x7b) {
    // The text formats: VPC flow logs open with a header line naming their fields.
    if (isVpcFlowHeader(text, start)) return { reader: VPC_FLOW_TEXT };
    // CSV exports name their columns in a header row.
    const csv = csvFormatOf(text, start);
    if (csv !== undefined) return { reader: csv };
    const opening = JSON.stringify(text.slice(start, start + 24));
    return unknown(text, `the content is not a JSON object: it starts with ${opening}`);
  }
  const newline = text.indexOf('\n', start);
  if (newline === -1 || firstNonBlank(text, newline) === text.length) {
    // A CloudTrail delivery file is read element by element (any document with a "Records" array is one).
    const split = splitRecordsArray(text, 'Records');
    if (split !== undefined && RECORDS_DOCUMENT_FORMAT !== undefined) {
      return { reader: RECORDS_DOCUMENT_FORMAT, document: split };
    }
    const whole = parse(text);
    return whole.ok ? classify(text, whole.value, LOG_FORMATS, 'the file') : malformed(text, whole.error);
  }
  const first = parse(text.slice(start, newline));
  if (first.ok) return classify(text, first.value, LOG_FORMATS, 'the first line', false);
  // Not a line file, unless its first line is broken. A record pretty-printed over many lines cannot be
  // read line by line, so only the document formats are tried on the whole text.
  const whole = parse(text);
  if (whole.ok) return classify(text, whole.value, DOCUMENT_FORMATS, 'the document');
  // A line file whose first line is broken: the second line tells the format, and the reader rejects the first.
  const next = firstNonBlank(text, newline);
  const nextEnd = text.indexOf('\n', next);
  const second = parse(text.slice(next, nextEnd === -1 ? text.length : nextEnd));
  const record = second.ok && isJsonObject(second.value) ? second.value : undefined;
  const reader = record && LINE_FORMATS.find((candidate) => candidate.matches(record));
  return reader ? { reader } : malformed(text, whole.error);
}

function classify(
  text: string,
  value: unknown,
  readers: readonly FormatReader[],
  what: string,
  isWholeFile = true,
): Detection {
  if (!isJsonObject(value)) return unknown(text, `${what} is ${describeJson(value)}`);
  const reader = readers.find((candidate) => candidate.matches(value));
  if (reader === undefined) {
    const signature = isWholeFile ? lakeResultSignatureReason(value) : undefined;
    return signature === undefined
      ? unknown(text, `${what} has ${describeKeys(value)}`)
      : { reason: signature, raw: text };
  }
  return isWholeFile && reader.layout === 'document' ? { reader, document: value } : { reader };
}

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

function unknown(text: string, seen: string): Detection {
  return { reason: `not a known log format; tried: ${FORMAT_NAMES} (${seen})`, raw: text };
}

function malformed(text: string, error: unknown): Detection {
  return { reason: `malformed JSON: ${jsonErrorReason(error, text)}`, raw: text };
}
