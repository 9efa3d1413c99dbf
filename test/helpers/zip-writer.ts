// Writes small zip archives for tests (yauzl only reads them): each member deflated, with the local headers,
// the central directory and the end record a reader needs. No zip64, no encryption.

import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipMember {
  readonly name: string;
  /** Omitted for a folder entry (a name ending in `/`). */
  readonly content?: string | Buffer;
  /** A Unix mode with its file type (0o120777 for a link), written as made on Unix. */
  readonly unixMode?: number;
}

export function zipArchive(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name);
    const data = Buffer.from(member.content ?? '');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, crc, packed.length, data.length, name.length);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(member.unixMode === undefined ? 20 : (3 << 8) | 20, 4); // made by
    writeEntryFields(central, 6, crc, packed.length, data.length, name.length);
    central.writeUInt32LE(((member.unixMode ?? 0) << 16) >>> 0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The fields local and central headers share, from "version needed" to the name length. */
function writeEntryFields(header: Buffer, at: number, crc: number, packed: number, size: number, nameLength: number) {
  header.writeUInt16LE(20, at); // version needed
  header.writeUInt16LE(0, at + 2); // flags
  header.writeUInt16LE(8, at + 4); // deflate
  header.writeUInt32LE(0, at + 6); // time and date
  header.writeUInt32LE(crc, at + 10);
  header.writeUInt32LE(packed, at + 14);
  header.writeUInt32LE(size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}
