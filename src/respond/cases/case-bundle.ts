// A case as one .tar.gz, for handing over: the folder's log and evidence files under the case's name, and a
// manifest beside the folder recording the head of the log (case-manifest.ts). It is only written from a case
// that verifies, and checked on the way back in by extracting it and verifying the copy against the recorded
// head, so a bundle proves itself, cut short or not, without trusting whoever carried it.

import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { create, extract } from 'tar';
import { TarnError } from '../../tarn-error.ts';
import { withCaseLock } from './case-lock.ts';
import { manifestHead, manifestJson, manifestName } from './case-manifest.ts';
import { digestFile, listCaseFiles } from './case-store.ts';
import { type ExpectedHead, type Verification, verifyCase } from './case-verify.ts';

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
    // The manifest is not in the case folder: it is packed into a tar of its own first, whose entries
    // node-tar copies into the bundle (`@file`), so nothing is written beside the cases.
    const scratch = await mkdtemp(join(tmpdir(), 'tarn-case-manifest-'));
    try {
      await writeFile(
        join(scratch, manifestName(name)),
        manifestJson(name, verified.entries, verified.head, new Date()),
      );
      const manifestTar = join(scratch, 'manifest.tar');
      // portable: no owner names, uids or device numbers of this machine in the bundle.
      await create({ portable: true, file: manifestTar, cwd: scratch }, [manifestName(name)]);
      await create({ gzip: true, portable: true, file: partial, cwd: dirname(dir) }, [`@${manifestTar}`, ...files]);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    await rename(partial, outFile);
    return { entries: verified.entries, head: verified.head, sha256: (await digestFile(outFile)).sha256 };
  });
}

/** Verifies the case in the bundle, and that its log ends at the head the manifest records (and any given). */
export async function verifyBundle(bundle: string, given: readonly ExpectedHead[] = []): Promise<Verification> {
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
    const folders = top.filter((entry) => entry.isDirectory());
    const name = folders[0]?.name ?? '';
    if (folders.length !== 1 || top.some((entry) => !entry.isDirectory() && entry.name !== manifestName(name))) {
      return { ok: false, problem: `the bundle ${bundle} does not hold one case folder and its manifest only` };
    }
    const recorded = await manifestHead(join(scratch, manifestName(name)), name);
    const heads = [...(recorded === null || typeof recorded === 'string' ? [] : [recorded]), ...given];
    const verified = await verifyCase(join(scratch, name), heads);
    if (!verified.ok) return verified;
    if (typeof recorded === 'string') return { ok: false, problem: `the bundle ${bundle}: ${recorded}` };
    // A bundle without a manifest can still be pinned by a head written down elsewhere.
    if (recorded === null && given.length === 0) {
      const problem = `the bundle ${bundle} holds no ${manifestName(name)}: the head its log must end at is not recorded (give it with --head)`;
      return { ok: false, problem };
    }
    return verified;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
