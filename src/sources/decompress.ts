// Decodes an input file's bytes as text, gunzipping it when its first bytes say gzip, whatever its name: S3 hands out
// `.json.gz` files that tools sometimes save decompressed, or compressed without the suffix.

import { isAscii } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { invalidUtf8Count } from './utf8-check.ts';

/**
 * The documented limit on one input file, plain or after gunzip: a file is read whole, as one string, and
 * this keeps it (and a gzip bomb) far from what one string and the batch's memory can hold. Larger logs are
 * split (`split -l`), as AWS itself delivers them in files of a few MB.
 */
export const MAX_TEXT_BYTES = 512 * 1024 * 1024;

/** `invalidUtf8`: byte sequences that were not UTF-8, decoded as U+FFFD. */
export type FileText = { readonly text: string; readonly invalidUtf8: number } | { readonly reason: string };

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function decodeText(raw: Buffer): FileText {
  let bytes = raw;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_TEXT_BYTES });
    } catch (error) {
      return { reason: gzipReason(error) };
    }
  }
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
