// Times wherever a command takes one: ISO-8601, a bare date (UTC), a time before now, --last; impossible
// dates refused before any work.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ParsedArgs } from '../../src/cli/command.ts';
import { windowOptions } from '../../src/cli/time-options.ts';
import { TarnError } from '../../src/tarn-error.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const NOW = new Date('2024-03-10T12:00:00.000Z');
const at = (iso: string) => Date.parse(iso);
const args = (values: Record<string, string>): ParsedArgs => ({ values, positionals: [] });

test('--from and --to take ISO-8601 times, bare dates in UTC, and times before now', () => {
  assert.deepEqual(windowOptions(args({ from: '2024-03-01', to: '2024-03-02' }), NOW), {
    from: at('2024-03-01T00:00:00.000Z'),
    to: at('2024-03-02T23:59:59.999Z'),
  });
  assert.deepEqual(windowOptions(args({ from: '2024-03-09T10:00:00+02:00' }), NOW), {
    from: at('2024-03-09T08:00:00.000Z'),
    to: null,
  });
  for (const [text, iso] of [
    ['-30m', '2024-03-10T11:30:00.000Z'],
    ['-24h', '2024-03-09T12:00:00.000Z'],
    ['-7d', '2024-03-03T12:00:00.000Z'],
    ['-2w', '2024-02-25T12:00:00.000Z'],
  ]) {
    assert.equal(windowOptions(args({ from: text as string }), NOW).from, at(iso as string), text);
  }
  assert.deepEqual(windowOptions(args({ from: '-7d', to: '-1d' }), NOW), {
    from: at('2024-03-03T12:00:00.000Z'),
    to: at('2024-03-09T12:00:00.000Z'),
  });
});

test('--last is the window that ends now, and is instead of --from and --to', () => {
  assert.deepEqual(windowOptions(args({ last: '24h' }), NOW), {
    from: at('2024-03-09T12:00:00.000Z'),
    to: NOW.getTime(),
  });
  assert.throws(() => windowOptions(args({ last: '24h', from: '-7d' }), NOW), /--last is instead of --from and --to/);
  for (const bad of ['0h', 'yesterday', '-24h', '24']) {
    assert.throws(
      () => windowOptions(args({ last: bad }), NOW),
      (error: unknown) =>
        error instanceof TarnError && error.exitCode === 2 && /--last takes a length/.test(error.message),
      bad,
    );
  }
});

test('impossible and unreadable times are refused, naming the option', () => {
  for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', 'last week', '-7x']) {
    assert.throws(
      () => windowOptions(args({ from: bad }), NOW),
      (error: unknown) =>
        error instanceof TarnError &&
        error.message.startsWith(`--from takes an ISO-8601 time`) &&
        error.message.includes(bad),
      bad,
    );
  }
  assert.throws(() => windowOptions(args({ from: '-1d', to: '-7d' }), NOW), /--from must not be after --to/);
});

test('on the command line, a time before now is taken as the value of --from, and times are checked before any work', async () => {
  const missing = join(tempDir(), 'no-lake');
  // -7d is after 2024-01-01: had it been read as an option of its own, the error would be another.
  const relative = await tarn('timeline', '--principal', 'x', '--from', '-7d', '--to', '2024-01-01', '--lake', missing);
  assert.deepEqual([relative.code, relative.err], [2, 'tarn timeline: --from must not be after --to\n']);
  const impossible = await tarn('investigate', '--principal', 'x', '--from', '2024-02-30', '--lake', missing);
  assert.equal(impossible.code, 2);
  assert.match(impossible.err, /^tarn investigate: --from takes an ISO-8601 time .* not "2024-02-30"\n$/);
  const since = await tarn('detect', '--since', '-7d', '--to', '2024-01-01', '--lake', missing);
  assert.deepEqual([since.code, since.err], [2, 'tarn detect: --from must not be after --to\n']);
  const last = await tarn('contain', '--plan', '--principal', 'x', '--last', 'a while', '--lake', missing);
  assert.deepEqual(
    [last.code, last.err],
    [2, 'tarn contain: --last takes a length of time such as 24h or 7d, not "a while"\n'],
  );
});
