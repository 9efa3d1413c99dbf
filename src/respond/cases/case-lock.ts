// One append at a time per case. Unlike the lake's writer lock, a second writer waits its turn instead of
// failing: two analysts adding evidence at once is normal work, not an error. The lock file holds the
// holder's pid so that a lock left by a killed process is taken over.

import { randomUUID } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TarnError } from '../../tarn-error.ts';
import { LOCK_FILE } from './case-store.ts';

const POLL_MS = 25;
const WAIT_MS = 120_000;

/** Runs `work` while holding the case's lock. */
export async function withCaseLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const path = join(dir, LOCK_FILE);
  // The token tells this holder's lock from another holder's in the same process, which has the same pid.
  const token = `${process.pid} ${randomUUID()}`;
  const deadline = Date.now() + WAIT_MS;
  while (!(await tryLock(path, token))) {
    if (Date.now() > deadline) throw new TarnError(`the case ${dir} stayed locked (${path}) for too long`);
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    if ((await readFile(path, 'utf8').catch(() => '')) === token) await rm(path, { force: true });
  }
}

async function tryLock(path: string, token: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(token);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const held = await readFile(path, 'utf8').catch(() => null);
    // An empty file is a holder between creating and writing it; only a dead pid is a stale lock.
    const holder = Number.parseInt(held ?? '', 10);
    if (Number.isInteger(holder) && !isAlive(holder)) await rm(path, { force: true });
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
