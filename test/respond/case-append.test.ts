// Appends: concurrent ones take turns and all land in one unbroken chain; what a crashed append leaves
// behind (evidence without an entry, the side file, a dead process's lock) neither breaks the next append
// nor hides in a verified case.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { appendEntry, openCase } from '../../src/respond/cases/case-append.ts';
import { noteEvidence } from '../../src/respond/cases/case-evidence.ts';
import { verifyCase } from '../../src/respond/cases/case-verify.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';
import { logLines } from './case-fixtures.ts';

async function newCase(): Promise<string> {
  const dir = join(tempDir('tarn-case-'), 'IR-7');
  await openCase(dir, 'alice', 'IR-7');
  return dir;
}

test('concurrent appends are serialized: every one lands, each once, in one chain', async () => {
  const dir = await newCase();
  const notes = Array.from({ length: 12 }, (_, i) => `note ${i}`);
  const entries = await Promise.all(notes.map((note) => appendEntry(dir, 'bob', noteEvidence(note))));
  assert.deepEqual(
    entries.map((entry) => entry.seq).sort((a, b) => a - b),
    [...Array(12).keys()].map((i) => i + 2),
  );
  const titles = (await logLines(dir)).slice(1).map((line) => (JSON.parse(line) as { title: string }).title);
  assert.deepEqual([...titles].sort(), [...notes].sort());
  const verified = await verifyCase(dir);
  assert.equal(verified.ok && verified.entries, 13);
  assert.deepEqual(await readdir(dir), ['evidence', 'log.jsonl'], 'no lock or side file is left behind');
});

test('the leftovers of an append that crashed before its entry was written', async () => {
  const dir = await newCase();
  await appendEntry(dir, 'alice', noteEvidence('first'));
  // The crash: evidence for entry 3 written, the side file half written, the lock still held by a dead process.
  await mkdir(join(dir, 'evidence/0003'), { recursive: true });
  await writeFile(join(dir, 'evidence/0003/note.txt'), 'never logged');
  await writeFile(join(dir, '.log.jsonl.next'), '{"seq":1,"ti');
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  await writeFile(join(dir, '.lock'), `${dead} 00000000-0000-0000-0000-000000000000`);

  const before = await verifyCase(dir);
  assert.deepEqual(before, {
    ok: false,
    problem: 'evidence/0003/note.txt is held by no entry: a file was added to the case',
  });

  const entry = await appendEntry(dir, 'alice', noteEvidence('second'));
  assert.equal(entry.seq, 3);
  assert.equal(await readFile(join(dir, 'evidence/0003/note.txt'), 'utf8'), 'second');
  const after = await verifyCase(dir);
  assert.equal(after.ok, true, after.ok ? '' : after.problem);
});

test('open finishes a case whose open was interrupted, and refuses one that exists', async () => {
  const cases = tempDir('tarn-cases-');
  await mkdir(join(cases, 'IR-8'));
  const opened = await tarn('case', 'open', 'IR-8', '--cases', cases, '--analyst', 'carol');
  assert.deepEqual(opened, { code: 0, out: `opened case IR-8 in ${join(cases, 'IR-8')}\n`, err: '' });
  assert.equal((await tarn('case', 'open', 'IR-8', '--cases', cases)).code, 1);
  assert.equal((await logLines(join(cases, 'IR-8'))).length, 1);
});

test('the analyst comes from --analyst, else $TARN_ANALYST', async () => {
  const cases = tempDir('tarn-cases-');
  const saved = process.env.TARN_ANALYST;
  process.env.TARN_ANALYST = 'dana';
  try {
    assert.equal((await tarn('case', 'open', 'IR-9', '--cases', cases)).code, 0);
    assert.equal((await tarn('case', 'add', 'IR-9', '--cases', cases, '--note', 'n', '--analyst', 'erin')).code, 0);
  } finally {
    if (saved === undefined) delete process.env.TARN_ANALYST;
    else process.env.TARN_ANALYST = saved;
  }
  const analysts = (await logLines(join(cases, 'IR-9'))).map(
    (line) => (JSON.parse(line) as { analyst: string }).analyst,
  );
  assert.deepEqual(analysts, ['dana', 'erin']);
});
