// withTicker: on a terminal, each phase is drawn at once with the time taken, redrawn while the work runs,
// and the line is cleared at the end; off a terminal nothing is drawn.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { withTicker } from '../../src/cli/progress-line.ts';

test('phases are drawn with the elapsed time, redrawn while waiting, and cleared at the end', async () => {
  const io = { ...collectingIO(), interactive: true };
  const result = await withTicker(io, 'opening the lake', async (phase) => {
    await sleep(600);
    phase('reading 3 principals');
    await sleep(300);
    return 42;
  });
  assert.equal(result, 42);
  const lines = io.err
    .join('')
    .split('\r\x1b[2K')
    .filter((l) => l !== '');
  assert.match(lines[0] ?? '', /^opening the lake \(0\.\d s\)$/);
  assert.ok(lines.filter((l) => l.startsWith('opening the lake')).length >= 2, 'redrawn while waiting');
  assert.ok(lines.some((l) => /^reading 3 principals \(\d\.\d s\)$/.test(l)));
  assert.ok(io.err.join('').endsWith('\r\x1b[2K'), 'the line is cleared');
});

test('off a terminal nothing is drawn, and a failure still stops the ticker', async () => {
  const io = collectingIO();
  await assert.rejects(
    withTicker(io, 'working', async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.deepEqual(io.err, []);
});
