// A case as one .tar.gz, for handing over: the folder's log and evidence files under the case's name. It is
// only written from a case that verifies, and checked on the way back in by extracting it and verifying the
// copy, so a bundle proves itself without trusting whoever carried it.

import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { create, extract } from 'tar';
import { TarnError } from '../tarn-error.ts';
import { withCaseLock } from './case-lock.ts';
import { digestFile, listCaseFiles } from './case-store.ts';
import { type Verification, verifyCase } from './case-verify.ts';

export interface ExportedCase {
  readonly entries: number;
  readonly head: string;
  /** Of the bundle file, to write down where the bundle is handed over. */
  readonly sha256: string;
}

export async function exportCase(dir: string, outFile: string): Promise<ExportedCase> {
  if (!relative(resolve(dir), resolve(outFile)).startsWith('..')) {
    throw new TarnError(`the bundle cannot be written inside the case folder ${dir}`, 2);
  }
  return withCaseLock(dir, async () => {
    const verified = await verifyCase(dir);
    if (!verified.ok) throw new TarnError(`not exported: ${verified.problem}`);
    const name = basename(dir);
    const files = (await listCaseFiles(dir)).map((path) => `${name}/${path}`);
    const partial = `${outFile}.partial`;
    // portable: no owner names, uids or device numbers of this machine in the bundle.
    await create({ gzip: true, portable: true, file: partial, cwd: dirname(dir) }, files);
    await rename(partial, outFile);
    return { entries: verified.entries, head: verified.head, sha256: (await digestFile(outFile)).sha256 };
  });
}

export async function verifyBundle(bundle: string): Promise<Verification> {
  const scratch = await mkdtemp(join(tmpdir(), 'tarn-case-bundle-'));
  try {
    try {
      // Synchronous: an asynchronous extract that fails still has writes in flight when it rejects.
      extract({
        sync: true,
        file: bundle,
        cwd: scratch,
        strict: true,
        // Links could point outside the scratch folder; a case only ever holds plain files.
        filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory'),
      });
    } catch (error) {
      return { ok: false, problem: `the bundle ${bundle} cannot be read: ${(error as Error).message}` };
    }
    const top = await readdir(scratch, { withFileTypes: true });
    if (top.length !== 1 || !top[0]?.isDirectory()) {
      return { ok: false, problem: `the bundle ${bundle} does not hold one case folder and nothing else` };
    }
    return await verifyCase(join(scratch, top[0].name));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
