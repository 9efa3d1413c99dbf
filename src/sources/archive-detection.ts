// Archives are told by their first bytes, never by their names: a bundle saved as `.bin`, or a `.gz` that is
// a whole tar rather than one log, is still read member by member.

import { gunzipSync, constants as zlibConstants } from 'node:zlib';

/** `zip.gz`: a zip gzipped again, as some tools and mail gateways hand bundles on. */
export type ArchiveKind = 'zip' | 'tar' | 'tar.gz' | 'zip.gz';

/**
 * How much of a file's start tells whether it is an archive: a tar header's magic sits at byte 257, and a
 * kilobyte of gzip always inflates past it (a tar header compresses to a few hundred bytes at most).
 */
export const ARCHIVE_HEAD_BYTES = 1024;

const TAR_MAGIC_AT = 257;
const TAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar", in POSIX and GNU headers alike

export function archiveKind(head: Uint8Array): ArchiveKind | undefined {
  return plainArchiveKind(head) ?? (isGzip(head) ? gzippedArchiveKind(inflatedHead(head)) : undefined);
}

/** A zip or a tar as it is, not gzipped. */
export function plainArchiveKind(head: Uint8Array): 'zip' | 'tar' | undefined {
  if (isZip(head)) return 'zip';
  return isTar(head) ? 'tar' : undefined;
}

/** The archive a gzip holds, told by what it inflates to (its start is enough). */
export function gzippedArchiveKind(inflated: Uint8Array): 'tar.gz' | 'zip.gz' | undefined {
  if (isTar(inflated)) return 'tar.gz';
  return isZip(inflated) ? 'zip.gz' : undefined;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A local file header, or the end record of an empty zip. */
function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < TAR_MAGIC_AT + TAR_MAGIC.length) return false;
  return TAR_MAGIC.every((byte, i) => bytes[TAR_MAGIC_AT + i] === byte);
}

/**
 * The start of what a gzip holds, inflated from its first bytes only: a sync flush hands over what the
 * truncated input decodes to instead of failing on the missing end. A kilobyte inflates to a megabyte at most.
 */
function inflatedHead(head: Uint8Array): Uint8Array {
  try {
    return gunzipSync(head.subarray(0, ARCHIVE_HEAD_BYTES), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    // A gzip too broken to inflate is not read as an archive; reading it as a log reports why.
    return new Uint8Array(0);
  }
}
