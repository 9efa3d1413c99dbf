// Reads one input file into raw records: decompress, detect the format (unless forced), read the records.
// Bad input never throws: a file that cannot be read at all yields one reject with record null, and a bad
// record yields a reject of its own while the good records around it are kept.

import { decodeText, decodeTextOrArchive } from './decompress.ts';
import { type Detection, detectFormat, FORMAT_NAMES, formatReader } from './format-detection.ts';
import { RecordSink } from './format-reader.ts';
import { readInputBytes } from './input-bytes.ts';
import { firstNonBlank } from './json-records.ts';
import type { ConsumerStart, LogFileRead, LogFormat } from './log-file.ts';
import { isParquet } from './parquet-records.ts';
import { type ParquetSource, readFlowLogParquet } from './vpc-flow-parquet.ts';

export interface ReadLogFileOptions {
  /** Skips detection: records that do not fit this format are rejected. */
  readonly format?: LogFormat;
  /**
   * A gzip that holds a tar or a zip is not read but named (`LogFileRead.archive`), for the caller to read
   * member by member: for bytes read with `readInputBytes`'s `'defer'`.
   */
  readonly archives?: boolean;
}

/** One file on its own; an archive is read member by member by ingest, not here. */
export async function readLogFile(file: string, options: ReadLogFileOptions = {}): Promise<LogFileRead> {
  const read = readInputBytes(file);
  const sink = new RecordSink(file);
  if ('reason' in read) sink.reject(null, read.reason);
  else if ('archive' in read) sink.reject(null, `a ${read.archive} archive: ingest reads it member by member`);
  else return readLogContent(file, read.bytes, { ...options, path: file });
  return sink.result(null);
}

/**
 * One file's content, named by its file or by its member path in an archive. Text formats are read
 * synchronously, as ingest's hot path needs; Parquet, which DuckDB reads, gives a promise.
 */
export function readLogContent(
  name: string,
  bytes: Buffer,
  options: ReadLogFileOptions & ParquetSource = {},
  consume?: ConsumerStart,
): LogFileRead | Promise<LogFileRead> {
  if (!isParquet(bytes)) return parseLogFile(name, bytes, options, consume);
  if (options.format === undefined || options.format === 'vpc-flow-parquet') {
    return readFlowLogParquet(name, bytes, options);
  }
  const sink = new RecordSink(name);
  sink.reject(null, `a Parquet file cannot be read as ${options.format}`);
  return sink.result(null);
}

/**
 * The same, over bytes already read (ingest reads each file once, for its checksum and its records). With
 * `consume`, the records go to the consumer it returns as they are read, and the read holds none.
 */
export function parseLogFile(
  file: string,
  bytes: Buffer,
  options: ReadLogFileOptions = {},
  consume?: ConsumerStart,
): LogFileRead {
  const sink = new RecordSink(file);
  const content = options.archives === true ? decodeTextOrArchive(bytes) : decodeText(bytes);
  if ('archive' in content) return { ...sink.result(null), archive: content.archive };
  if ('reason' in content) {
    sink.reject(null, content.reason);
    return sink.result(null);
  }
  const { text } = content;
  sink.invalidUtf8 = content.invalidUtf8;
  if (firstNonBlank(text, 0) === text.length) {
    sink.reject(null, 'empty file');
    return sink.result(null);
  }
  const detection = options.format === undefined ? detectFormat(text) : forced(options.format);
  if ('reason' in detection) {
    sink.reject(null, detection.reason, detection.raw);
    return sink.result(null);
  }
  if (consume !== undefined) sink.consumeWith(consume(file, detection.reader.kind, sink.invalidUtf8));
  detection.reader.read(text, sink, detection.document);
  return sink.result(detection.reader);
}

function forced(format: LogFormat): Detection {
  const reader = formatReader(format);
  if (reader !== undefined) return { reader };
  return { reason: `unknown format "${format}"; known formats: ${FORMAT_NAMES}` };
}
