// Logs are UTF-8; a byte sequence that is not (a truncated multi-byte character, Latin-1 text in a forged
// field) is decoded as U+FFFD, as every JSON reader does. That is counted rather than passed over in silence,
// and `--strict` refuses the file's records.

import { isUtf8 } from 'node:buffer';

const REPLACEMENT = '\uFFFD';
/** U+FFFD written in the file itself, as UTF-8: not a decoding error. */
const ENCODED_REPLACEMENT = Buffer.from(REPLACEMENT, 'utf8');

/** How many invalid byte sequences decoding `bytes` into `text` replaced; 0 for valid UTF-8. */
export function invalidUtf8Count(bytes: Buffer, text: string): number {
  if (isUtf8(bytes)) return 0;
  return occurrences(text, REPLACEMENT) - bufferOccurrences(bytes, ENCODED_REPLACEMENT);
}

export function invalidUtf8Reason(count: number): string {
  return `${count} invalid UTF-8 byte sequence${count === 1 ? '' : 's'} in the file (--strict refuses it)`;
}

function occurrences(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

function bufferOccurrences(bytes: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length)) count++;
  return count;
}
