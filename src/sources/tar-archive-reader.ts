// Tar members (plain or gzipped; node-tar's Parser tells which) streamed one at a time: the parser hands over
// the next entry only once the one before has been read to its end, so at most one member's bytes are held.

import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import type { MemberKind } from './archive-member-path.ts';
import type { MemberVisitor } from './archive-members.ts';
import { messageOf } from './decompress.ts';

const KINDS: Record<string, MemberKind> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'folder',
  GNUDumpDir: 'folder',
  SymbolicLink: 'link',
  Link: 'link',
  CharacterDevice: 'device',
  BlockDevice: 'device',
  FIFO: 'device',
};

export async function readTarMembers(source: Readable, visitor: MemberVisitor): Promise<void> {
  // Strict: a truncated or corrupt archive is an error, not a warning that quietly ends the listing.
  const parser = new Parser({ strict: true });
  const queue = new EntryQueue();
  parser.on('entry', (entry: ReadEntry) => queue.push(entry));
  parser.on('end', () => queue.end());
  parser.on('error', (error: Error) => queue.fail(error));
  source.on('error', (error: Error) => queue.fail(error));
  source.pipe(parser);
  let reading: string | undefined;
  try {
    for (let entry = await queue.next(); entry !== undefined; entry = await queue.next()) {
      // Other entry types (tape volume labels, multi-volume parts) name no file of their own.
      const inside = visitor.accept(entry.path, KINDS[entry.type] ?? 'folder');
      if (inside === undefined) {
        entry.resume();
        continue;
      }
      reading = inside;
      const bytes = await queue.body(entry);
      reading = undefined;
      await visitor.member(inside, bytes);
    }
  } catch (error) {
    source.destroy();
    visitor.fail(`corrupt or truncated tar archive: ${messageOf(error)}`, reading);
  }
}

/** The parser's entries in order, handed to one reader that awaits them. */
class EntryQueue {
  private readonly entries: ReadEntry[] = [];
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly failed: Promise<never>;
  private rejectFailed: (error: Error) => void = () => undefined;

  constructor() {
    this.failed = new Promise<never>((_, reject) => {
      this.rejectFailed = reject;
    });
    this.failed.catch(() => undefined);
  }

  push(entry: ReadEntry): void {
    this.entries.push(entry);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.rejectFailed(error);
    this.wake?.();
  }

  async next(): Promise<ReadEntry | undefined> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const entry = this.entries.shift();
      if (entry !== undefined || this.ended) return entry;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  /** An entry's bytes, or the archive's failure when that comes first: a truncated entry never ends. */
  body(entry: ReadEntry): Promise<Buffer> {
    return Promise.race([entry.concat(), this.failed]);
  }
}
