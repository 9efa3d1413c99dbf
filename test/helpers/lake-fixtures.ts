// Temp folders, a tree snapshot, and a CLI runner for end-to-end tests of the lake.

import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

export const REPO = resolve(import.meta.dirname, '../..');
export const TARN_BIN = join(REPO, 'bin/tarn.js');

export function tempDir(prefix = 'tarn-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file below `dir` with a hash of its bytes, to compare a lake before and after something. */
export function snapshotTree(dir: string, ignore: (path: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (ignore(path)) continue;
    out[path] = createHash('sha256')
      .update(readFileSync(join(dir, path)))
      .digest('hex');
  }
  return out;
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runTarn(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [TARN_BIN, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 1 << 26,
    });
    return { code: 0, signal: null, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; signal?: NodeJS.Signals; stdout?: string; stderr?: string };
    return { code: e.code ?? null, signal: e.signal ?? null, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Starts `tarn` and sends SIGKILL as soon as `when(stderr so far)` or the `poll` check says so. */
export function runTarnAndKill(args: readonly string[], poll: () => boolean): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [TARN_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setInterval(() => {
      if (poll()) child.kill('SIGKILL');
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}
