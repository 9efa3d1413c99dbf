// Decodes an input file's bytes as text, gunzipping it when its first bytes say gzip, whatever its name: S3 hands out
// `.json.gz` files that tools sometimes save decompressed, or compressed without the suffix.

import { constants as bufferConstants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';

/** No decompressed file may exceed what one string can hold, which also bounds a gzip bomb. */
export const MAX_TEXT_BYTES = bufferConstants.MAX_STRING_LENGTH;

export type FileText = { readonly text: string } | { readonly reason: string };

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
    const text = bytes.toString('utf8');
    // A byte-order mark is not whitespace to JSON.parse, and some Windows tools write one.
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { reason: `cannot read the file as text: ${messageOf(error)}` };
  }
}

function gzipReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'Z_BUF_ERROR') return `truncated gzip: ${messageOf(error)}`;
  if (code === 'ERR_BUFFER_TOO_LARGE') return `gzip decompresses to more than ${MAX_TEXT_BYTES} bytes`;
  return `corrupt gzip: ${messageOf(error)}`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
