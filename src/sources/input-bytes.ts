// Reads an input file whole, unless its first bytes say it is an archive: archives are streamed member by
// member (archive-reader.ts) and never held in memory at once.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ARCHIVE_HEAD_BYTES, type ArchiveKind, archiveKind, plainArchiveKind } from './archive-detection.ts';
import { LIMIT_TEXT, MAX_TEXT_BYTES, messageOf } from './decompress.ts';

export type InputBytes =
  | { readonly bytes: Buffer; readonly mtimeMs?: number }
  | { readonly archive: ArchiveKind }
  | { readonly reason: string };

/** Files up to this size are read whole in one read. */
const WHOLE_READ_BYTES = 1 << 20;

/**
 * Synchronous on purpose, with the syscalls of one `readFileSync` (open, fstat, read, close): delivery files
 * are many and small, and one blocking read costs a fraction of an asynchronous one. A larger file's head (a
 * kilobyte) is read first and then copied into the file's buffer.
 *
 * `gzip`: `'defer'` does not inflate the head of a gzipped file read whole to see whether it holds a tar or a
 * zip; the caller gunzips it whole anyway and tells then (`decodeTextOrArchive`). For small delivery files,
 * that inflate (a zlib stream each) cost the main thread about as much as the read's syscalls.
 */
export function readInputBytes(file: string, gzip: 'inspect' | 'defer' = 'inspect'): InputBytes {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { reason: `cannot read the file: ${messageOf(error)}` };
  }
  try {
    const { size, mtimeMs } = fstatSync(fd);
    // A small file (a delivery file) in one read; a larger one head first, so that an archive is not read whole.
    const whole = size <= WHOLE_READ_BYTES;
    const head = Buffer.allocUnsafe(whole ? size : ARCHIVE_HEAD_BYTES);
    const headRead = readInto(fd, head, 0);
    const start = head.subarray(0, Math.min(headRead, ARCHIVE_HEAD_BYTES));
    const archive = whole && gzip === 'defer' ? plainArchiveKind(start) : archiveKind(start);
    if (archive !== undefined) return { archive };
    if (size > MAX_TEXT_BYTES) {
      return {
        reason: `the file is ${size} bytes, over ${LIMIT_TEXT}, the limit on one file: split it and ingest the parts`,
      };
    }
    if (headRead < head.length || headRead === size) return { bytes: head.subarray(0, headRead), mtimeMs };
    const bytes = Buffer.allocUnsafe(size);
    head.copy(bytes, 0, 0, headRead);
    return { bytes: bytes.subarray(0, readInto(fd, bytes, headRead)), mtimeMs };
  } catch (error) {
    return { reason: `cannot read the file: ${messageOf(error)}` };
  } finally {
    closeSync(fd);
  }
}

/** Fills `buffer` from `offset` (the file position matches it), stopping early at the end of the file. */
function readInto(fd: number, buffer: Buffer, offset: number): number {
  let at = offset;
  while (at < buffer.length) {
    const read = readSync(fd, buffer, at, buffer.length - at, at);
    if (read === 0) break;
    at += read;
  }
  return at;
}
