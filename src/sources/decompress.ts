// Decodes an input file's bytes as text, gunzipping it when its first bytes say gzip, whatever its name: S3 hands out
// `.json.gz` files that tools sometimes save decompressed, or compressed without the suffix.

import { isAscii } from 'node:buffer';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { type ArchiveKind, archiveKind, gzippedArchiveKind, isGzip } from './archive-detection.ts';
import { invalidUtf8Count } from './utf8-check.ts';

/**
 * The documented limit on one input file, plain or after gunzip: a file is read whole, as one string, and
 * this keeps it (and a gzip bomb) far from what one string and the batch's memory can hold. Larger logs are
 * split (`split -l`), as AWS itself delivers them in files of a few MB.
 */
export const MAX_TEXT_BYTES = 512 * 1024 * 1024;

/** `invalidUtf8`: byte sequences that were not UTF-8, decoded as U+FFFD. */
export type FileText = { readonly text: string; readonly invalidUtf8: number } | { readonly reason: string };

export function decodeText(raw: Buffer): FileText {
  const bytes = gunzipped(raw);
  return 'reason' in bytes ? bytes : textOf(bytes);
}

/**
 * `decodeText`, except that a gzip holding a tar or a zip is not decoded but named as that archive: files read
 * whole are not inflated on the main thread to look for one (`readInputBytes`'s `'defer'`), the gunzip here tells.
 */
export function decodeTextOrArchive(raw: Buffer): FileText | { readonly archive: ArchiveKind } {
  const bytes = gunzipped(raw);
  if (isGzip(raw)) {
    // A gzip too broken to gunzip whole may still start as an archive, which its first bytes tell as before.
    const archive = 'reason' in bytes ? archiveKind(raw) : gzippedArchiveKind(bytes);
    if (archive !== undefined) return { archive };
  }
  return 'reason' in bytes ? bytes : textOf(bytes);
}

function gunzipped(raw: Buffer): Buffer | { readonly reason: string } {
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_TEXT_BYTES, chunkSize: outputChunkBytes(raw) });
  } catch (error) {
    return { reason: gzipReason(error) };
  }
}

function textOf(bytes: Buffer): FileText {
  try {
    // ASCII (most logs) decodes the same as Latin-1, which is a copy: UTF-8 decoding cost twice as much.
    const ascii = isAscii(bytes);
    const text = bytes.toString(ascii ? 'latin1' : 'utf8');
    const invalidUtf8 = ascii ? 0 : invalidUtf8Count(bytes, text);
    // A byte-order mark is not whitespace to JSON.parse, and some Windows tools write one.
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, invalidUtf8 };
  } catch (error) {
    return { reason: `cannot read the file as text: ${messageOf(error)}` };
  }
}

/**
 * The gunzip's output buffer, sized by the size the gzip's trailer gives (of its last member, modulo 4 GiB): the
 * whole text then comes out in one chunk, where zlib's default of 16 KiB took a delivery file in dozens of chunks
 * and a copy of them all into one buffer. A wrong size only splits the output into more chunks; it is capped by
 * the most deflate can expand the input (about 1,032 times) and by the limit on one file.
 */
function outputChunkBytes(gzip: Buffer): number {
  const stated = gzip.length >= GZIP_MIN_BYTES ? gzip.readUInt32LE(gzip.length - 4) : 0;
  // One byte more than the text, so that zlib reports the end without asking for a second chunk.
  return Math.max(zlibConstants.Z_MIN_CHUNK, Math.min(stated + 1, gzip.length * 1032, MAX_TEXT_BYTES));
}

/** A gzip header (10 bytes) and trailer (8 bytes). */
const GZIP_MIN_BYTES = 18;

function gzipReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'Z_BUF_ERROR') return `truncated gzip: ${messageOf(error)}`;
  if (code === 'ERR_BUFFER_TOO_LARGE') return `gzip decompresses to more than ${LIMIT_TEXT}, the limit on one file`;
  return `corrupt gzip: ${messageOf(error)}`;
}

export const LIMIT_TEXT = '512 MiB';

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
