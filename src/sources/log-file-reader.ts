// Reads one input file into raw records: decompress, detect the format (unless forced), read the records.
// Bad input never throws: a file that cannot be read at all yields one reject with record null, and a bad
// record yields a reject of its own while the good records around it are kept.

import { decodeText, readFileBytes } from './decompress.ts';
import { type Detection, detectFormat, FORMAT_NAMES, formatReader } from './format-detection.ts';
import { type FormatReader, RecordSink } from './format-reader.ts';
import { firstNonBlank } from './json-records.ts';
import type { LogFileRead, LogFormat } from './log-file.ts';

export interface ReadLogFileOptions {
  /** Skips detection: records that do not fit this format are rejected. */
  readonly format?: LogFormat;
}

export async function readLogFile(file: string, options: ReadLogFileOptions = {}): Promise<LogFileRead> {
  const read = readFileBytes(file);
  if ('reason' in read) {
    const sink = new RecordSink(file);
    sink.reject(null, read.reason);
    return result(sink, null);
  }
  return parseLogFile(file, read.bytes, options);
}

/** The same, over bytes already read (ingest reads each file once, for its checksum and its records). */
export function parseLogFile(file: string, bytes: Buffer, options: ReadLogFileOptions = {}): LogFileRead {
  const sink = new RecordSink(file);
  const content = decodeText(bytes);
  if ('reason' in content) {
    sink.reject(null, content.reason);
    return result(sink, null);
  }
  const { text } = content;
  if (firstNonBlank(text, 0) === text.length) {
    sink.reject(null, 'empty file');
    return result(sink, null);
  }
  const detection = options.format === undefined ? detectFormat(text) : forced(options.format);
  if ('reason' in detection) {
    sink.reject(null, detection.reason, detection.raw);
    return result(sink, null);
  }
  detection.reader.read(text, sink, detection.document);
  return result(sink, detection.reader);
}

function forced(format: LogFormat): Detection {
  const reader = formatReader(format);
  if (reader !== undefined) return { reader };
  return { reason: `unknown format "${format}"; known formats: ${FORMAT_NAMES}` };
}

function result(sink: RecordSink, reader: FormatReader | null): LogFileRead {
  const { file, records, rejects } = sink;
  return { file, format: reader?.format ?? null, kind: reader?.kind ?? null, records, rejects };
}
