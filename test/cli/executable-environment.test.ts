// bin/tarn.js run as an executable, as npx and a shell run it: its first line starts Node with glibc's mmap
// threshold fixed, which an ingest's peak memory depends on (bin/tarn.js says why).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { TARN_BIN, tempDir } from '../helpers/lake-fixtures.ts';

test('the executable runs Tarn with the malloc settings of its first line, and a command still ends as it should', async () => {
  const root = tempDir('tarn-executable-');
  const dir = join(root, 'quiet');
  await mkdir(dir);
  // Set to something else by the caller: the executable's own value is the one the process gets.
  const env = { ...process.env, MALLOC_MMAP_THRESHOLD_: '4096' };
  const child = spawn(TARN_BIN, ['watch', dir, '--lake', join(root, 'lake'), '--interval', '0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let read = false;
  const environ = new Promise<string[]>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (read || !stderr.includes('Ctrl-C to stop')) return;
      read = true;
      // The executable's env replaces itself with Node, so the watching process has the executable's pid.
      readFile(`/proc/${child.pid}/environ`, 'latin1').then((text) => {
        child.kill('SIGINT');
        resolve(text.split('\0'));
      }, reject);
    });
  });
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  try {
    assert.equal(code, 0, stderr);
    const entries = await environ;
    assert.deepEqual(
      entries.filter((entry) => entry.startsWith('MALLOC_MMAP_THRESHOLD_=')),
      ['MALLOC_MMAP_THRESHOLD_=4194304'],
    );
    assert.match(stderr, /tarn watch: stopped after 0 batch\(es\)/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
