// Issue 10, item 9: a lake inside the folder being ingested is not read as input (its Parquet files, ledger and
// dead letters are Tarn's own output), however it is named on the command line.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';

async function ingest(cwd: string, ...argv: string[]) {
  const io = collectingIO();
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCli(['ingest', '--no-detect', ...argv], io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  } finally {
    process.chdir(before);
  }
}

test('the lake inside the input folder is skipped, on the first ingest and on every one after', async () => {
  const data = join(tempDir(), 'data');
  mkdirSync(data, { recursive: true });
  copyFileSync(join(REPO, 'test/detect/fixtures/tampering.jsonl'), join(data, 'events.jsonl'));
  const events = readFileSync(join(data, 'events.jsonl'), 'utf8').trim().split('\n').length;
  const summaries = [join(data, '..', 'first.json'), join(data, '..', 'second.json')];
  // The lake named relative to the working folder, and the input folder absolute: the same folder either way.
  const first = await ingest(data, '--lake', 'lake', '--summary-json', summaries[0] as string, data);
  assert.equal(first.code, 0, first.err);
  const second = await ingest(data, '--lake', join(data, 'lake'), '--summary-json', summaries[1] as string, '.');
  assert.equal(second.code, 0, second.err);
  const [one, two] = summaries.map((file) => JSON.parse(readFileSync(file, 'utf8')));
  assert.deepEqual([one.files, one.input_records, one.rejected], [1, events, []]);
  // The second run finds the lake's Parquet files, ledger and config under ./lake and leaves them alone.
  assert.deepEqual([two.files, two.unread_files, two.duplicates, two.rejected], [1, 1, events, []]);
});
