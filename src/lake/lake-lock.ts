// One writer at a time. The lock file holds the writer's pid, so a lock left by a killed process is taken over.

import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TarnError } from '../tarn-error.ts';
import { TARN_DIR } from './ledger.ts';

export interface LakeLock {
  release(): Promise<void>;
}

export async function acquireLakeLock(lakeDir: string): Promise<LakeLock> {
  await mkdir(join(lakeDir, TARN_DIR), { recursive: true });
  return acquireFileLock(join(lakeDir, TARN_DIR, 'lock'), `the lake ${lakeDir}`);
}

/** A lock file at `path` guarding `what` (named in the error when another live process holds it). */
export async function acquireFileLock(path: string, what: string): Promise<LakeLock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new TarnError(`${what} is being written by process ${holder}; try again when it is done`);
      }
      await rm(path, { force: true });
    }
  }
  throw new TarnError(`could not lock ${what}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
