// Reads an archive's log files as members named `<archive>!<path inside>`, the name every reject, dead-letter
// entry, ledger input and delivery-path lookup then uses. An archive inside an archive is read the same way,
// its members named `<archive>!<inner archive>!<path>`.

import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { type ArchiveKind, archiveKind } from './archive-detection.ts';
import { type MemberKind, memberVerdict } from './archive-member-path.ts';
import { MAX_TEXT_BYTES, messageOf } from './decompress.ts';
import type { Reject } from './log-file.ts';
import { readTarMembers } from './tar-archive-reader.ts';
import { readZipMembers } from './zip-archive-reader.ts';

/** What one archive format's reader hands over: each file member's bytes, and what it could not read. */
export interface MemberVisitor {
  /** Asked before a member's bytes are read: its name inside the archive, or undefined when not to read it. */
  accept(path: string, kind: MemberKind): string | undefined;
  member(inside: string, bytes: Buffer): Promise<void>;
  /** `path` names the member being read when the failure came, if one was. */
  fail(reason: string, path?: string): void;
}

export interface ArchiveSink {
  /** A member that is a log file (not an archive), by its full name; may return a promise to wait on. */
  member(name: string, bytes: Buffer): Promise<void> | undefined;
  reject(reject: Reject): void;
}

/** Archives within archives are read this deep; a bundle is rarely more than a zip of tarballs. */
const MAX_DEPTH = 3;

/** An archive on disk, its members named `<name>!<path inside>`: by the file's own path unless `name` is given. */
export function readArchive(file: string, kind: ArchiveKind, sink: ArchiveSink, name = file): Promise<void> {
  return readLevel(file, kind, name, sink, 1);
}

/** An archive held in memory (an S3 object), its members named `<name>!<path inside>`. */
export function readArchiveBytes(name: string, bytes: Buffer, kind: ArchiveKind, sink: ArchiveSink): Promise<void> {
  return readLevel(bytes, kind, name, sink, 1);
}

async function readLevel(source: string | Buffer, kind: ArchiveKind, name: string, sink: ArchiveSink, depth: number) {
  let files = 0;
  let failed = false;
  const visitor: MemberVisitor = {
    accept: (path, kind) => {
      const verdict = memberVerdict(path, kind);
      if ('read' in verdict) return verdict.read;
      if ('refuse' in verdict) {
        failed = true;
        sink.reject({ file: `${name}!${verdict.name}`, record: null, reason: verdict.refuse });
      }
      return undefined;
    },
    member: async (inside, bytes) => {
      files++;
      const member = `${name}!${inside}`;
      const inner = archiveKind(bytes);
      if (inner === undefined) return sink.member(member, bytes);
      if (depth >= MAX_DEPTH) {
        return sink.reject({ file: member, record: null, reason: `archive nested more than ${MAX_DEPTH} deep` });
      }
      return readLevel(bytes, inner, member, sink, depth + 1);
    },
    fail: (reason, path) => {
      failed = true;
      sink.reject({ file: path === undefined ? name : `${name}!${path}`, record: null, reason });
    },
  };
  await readMembers(source, kind, visitor);
  // An archive with nothing to read is said so: an empty upload must not pass as an ingested bundle.
  if (files === 0 && !failed) {
    const reason = 'the archive holds no files to read (folders, hidden files and __MACOSX are skipped)';
    sink.reject({ file: name, record: null, reason });
  }
}

function readMembers(source: string | Buffer, kind: ArchiveKind, visitor: MemberVisitor): Promise<void> {
  if (kind === 'zip') return readZipMembers(source, visitor);
  if (kind === 'zip.gz') {
    // A zip needs its central directory at the end, so a gzipped one is inflated whole first.
    let zip: Buffer;
    try {
      const bytes = typeof source === 'string' ? readFileSync(source) : source;
      zip = gunzipSync(bytes, { maxOutputLength: MAX_TEXT_BYTES });
    } catch (error) {
      visitor.fail(`cannot inflate the gzipped zip: ${messageOf(error)}`);
      return Promise.resolve();
    }
    return readZipMembers(zip, visitor);
  }
  return readTarMembers(typeof source === 'string' ? createReadStream(source) : Readable.from([source]), visitor);
}
