// `tarn serve`: the console on a real port, loopback by default; another host only with a token, which every
// API call then needs; Ctrl-C (the signal) stops it.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { ATTACKER_IP, writeTwoAccountLogs } from '../respond/two-account-fixture.ts';

const TOKEN = 'a-serve-test-token-0123';
let root: string;
let lake: string;
before(async () => {
  root = tempDir('tarn-serve-');
  lake = join(root, 'lake');
  const run = await runTarn(['ingest', '--lake', lake, ...(await writeTwoAccountLogs(join(root, 'raw')))]);
  assert.equal(run.code, 0, run.stderr);
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Runs `tarn serve ARGS` in this process, hands `use` the address it printed, then stops it as Ctrl-C would. */
async function serving(args: string[], use: (url: string) => Promise<void>): Promise<string> {
  const io = collectingIO();
  const controller = new AbortController();
  const running = runCli(['serve', '--lake', lake, '--port', '0', ...args], { ...io, signal: controller.signal });
  let url: string | undefined;
  for (let i = 0; i < 600 && url === undefined; i++) {
    url = /^tarn console on (http:\/\/\S+)\/ /.exec(io.out.join(''))?.[1];
    if (url === undefined) await sleep(50);
  }
  try {
    assert.ok(url, io.err.join(''));
    await use(url);
  } finally {
    controller.abort();
  }
  assert.equal(await running, 0, io.err.join(''));
  return io.out.join('');
}

test('tarn serve answers on 127.0.0.1 without a token, and Ctrl-C stops it', async () => {
  let address = '';
  const out = await serving([], async (url) => {
    address = url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/api/investigate?ip=${ATTACKER_IP}`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).address.users.length, 3);
  });
  assert.ok(!out.includes('token required'), out);
  await assert.rejects(fetch(`${address}/api/tables`), 'closed once stopped');
});

test('another host needs a token, and every API call then needs it: 401 without', async () => {
  const refused = collectingIO();
  assert.equal(await runCli(['serve', '--lake', lake, '--host', '0.0.0.0'], refused), 2);
  assert.match(refused.err.join(''), /serving on 0\.0\.0\.0 needs a token: give --token T or set TARN_TOKEN/);
  const short = collectingIO();
  assert.equal(await runCli(['serve', '--lake', lake, '--host', '0.0.0.0', '--token', 'short'], short), 2);
  assert.match(short.err.join(''), /at least 16 characters/);

  const out = await serving(['--host', '0.0.0.0', '--token', TOKEN], async (url) => {
    const port = new URL(url).port;
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/api/tables`)).status, 401);
    assert.equal(
      (await fetch(`${base}/api/tables`, { headers: { Authorization: 'Bearer not-the-token' } })).status,
      401,
    );
    const ok = await fetch(`${base}/api/tables`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.ok((await ok.json()).tables.length > 0);
  });
  assert.match(out, /, token required\n$/);
});
