// Zip members, one at a time, through yauzl: the central directory is read lazily, entry by entry, and each
// member's bytes are inflated only when its turn comes, so the archive is never in memory at once.

import { buffer } from 'node:stream/consumers';
import { type Entry, fromBufferPromise, getFileNameLowLevel, openPromise, type ZipFile } from 'yauzl';
import type { MemberKind } from './archive-member-path.ts';
import type { MemberVisitor } from './archive-members.ts';
import { messageOf } from './decompress.ts';

// Names are decoded here rather than by yauzl, which stops the whole listing at the first `../` or absolute
// name; such a member is refused alone.
const OPTIONS = { lazyEntries: true, autoClose: false, decodeStrings: false } as const;

/** Unix file types in the high half of the external attributes, when the zip was made on Unix. */
const UNIX_TYPES = new Map<number, MemberKind>([
  [0o120000, 'link'],
  [0o020000, 'device'],
  [0o060000, 'device'],
  [0o010000, 'device'],
]);
const UNIX_MADE_BY = 3;

/** A nested zip arrives as the bytes of its member; an archive on disk is read from its file. */
export async function readZipMembers(source: string | Buffer, visitor: MemberVisitor): Promise<void> {
  let zip: ZipFile;
  try {
    zip = typeof source === 'string' ? await openPromise(source, OPTIONS) : await fromBufferPromise(source, OPTIONS);
  } catch (error) {
    return visitor.fail(`not a readable zip archive: ${messageOf(error)}`);
  }
  try {
    for await (const entry of zip.eachEntry()) {
      const path = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const inside = visitor.accept(path, kindOf(entry, path));
      if (inside === undefined) continue;
      let bytes: Buffer;
      try {
        bytes = await buffer(await zip.openReadStreamPromise(entry));
      } catch (error) {
        // One broken member does not hide the others: the central directory still lists them.
        visitor.fail(`corrupt zip member: ${messageOf(error)}`, inside);
        continue;
      }
      await visitor.member(inside, bytes);
    }
  } catch (error) {
    visitor.fail(`corrupt zip archive: ${messageOf(error)}`);
  } finally {
    if (zip.isOpen) zip.close();
  }
}

function kindOf(entry: Entry, path: string): MemberKind {
  if (path.endsWith('/')) return 'folder';
  if (entry.versionMadeBy >> 8 !== UNIX_MADE_BY) return 'file';
  return UNIX_TYPES.get((entry.externalFileAttributes >>> 16) & 0o170000) ?? 'file';
}
