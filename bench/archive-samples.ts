// The per-source bench's archives: loose delivery files packed as one bundle, the way a case's logs are often
// handed over, so that the bench shows what reading members (rather than files) costs. Zips are written with
// the tests' zip writer, tarballs with node-tar.

import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { c as createTar } from 'tar';
import { zipArchive } from '../test/helpers/zip-writer.ts';

export type ArchiveKind = 'zip' | 'tar.gz';

/** Packs every file under `looseDir`, named by its path below it, into the archive `out`. */
export async function writeArchive(kind: ArchiveKind, looseDir: string, out: string): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const files = readdirSync(looseDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(looseDir, join(entry.parentPath, entry.name)))
    .sort();
  if (kind === 'tar.gz') {
    await createTar({ gzip: true, file: out, cwd: looseDir, portable: true }, files);
    return;
  }
  const members = files.map((name) => ({ name, content: readFileSync(join(looseDir, name)) }));
  await writeFile(out, zipArchive(members));
}
