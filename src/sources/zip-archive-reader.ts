// Zip members, one at a time, through yauzl: the central directory is read lazily, entry by entry, and each
// member's bytes are inflated only when its turn comes, so the archive is never in memory at once.

import { buffer } from 'node:stream/consumers';
import { fromBufferPromise, openPromise, type ZipFile } from 'yauzl';
import type { MemberVisitor } from './archive-members.ts';
import { messageOf } from './decompress.ts';

const OPTIONS = { lazyEntries: true, autoClose: false } as const;

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
      if (entry.fileName.endsWith('/')) continue;
      let bytes: Buffer;
      try {
        bytes = await buffer(await zip.openReadStreamPromise(entry));
      } catch (error) {
        // One broken member does not hide the others: the central directory still lists them.
        visitor.fail(`corrupt zip member: ${messageOf(error)}`, entry.fileName);
        continue;
      }
      await visitor.member(entry.fileName, bytes);
    }
  } catch (error) {
    visitor.fail(`corrupt zip archive: ${messageOf(error)}`);
  } finally {
    if (zip.isOpen) zip.close();
  }
}
