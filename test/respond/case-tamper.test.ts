// Every way of changing a case after the fact makes verify fail, naming the first entry (or line) that does
// not hold and why: each tampering is done on a fresh copy of one case built through the CLI.

import assert from 'node:assert/strict';
import { appendFile, cp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { create, extract } from 'tar';
import { type CaseEntry, lineHash, sealEntry } from '../../src/respond/cases/case-entry.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';
import { CASE, caseWithEvidence, logLines, smallLake, writeLogLines } from './case-fixtures.ts';

let pristine: string;

before(async () => {
  pristine = await caseWithEvidence(await smallLake());
  assert.equal((await tarn('case', 'verify', CASE, '--cases', pristine)).code, 0);
});

/** Copies the case, lets `tamper` change the copy, and returns what verify says. */
async function verifyTampered(tamper: (caseDir: string) => Promise<void>) {
  const cases = tempDir('tarn-tampered-');
  await cp(pristine, cases, { recursive: true });
  await tamper(join(cases, CASE));
  return tarn('case', 'verify', CASE, '--cases', cases);
}

function assertFails(result: { code: number; out: string; err: string }, reason: RegExp) {
  assert.equal(result.code, 1, result.out);
  assert.equal(result.out, '');
  assert.match(result.err, /^tarn case: verification failed: /);
  assert.match(result.err, reason);
}

const parse = (line: string | undefined) => JSON.parse(line ?? '') as CaseEntry;

test('editing a field of an entry', async () => {
  const result = await verifyTampered(async (dir) => {
    const lines = await logLines(dir);
    lines[2] = JSON.stringify({ ...parse(lines[2]), title: 'nothing to see here' });
    await writeLogLines(dir, lines);
  });
  assertFails(result, /entry 3: its hash does not match its content: the entry was edited/);
});

test('editing an entry and sealing it again with its own hash breaks the next entry’s link', async () => {
  const result = await verifyTampered(async (dir) => {
    const lines = await logLines(dir);
    const { hash: _old, ...content } = parse(lines[2]);
    lines[2] = JSON.stringify(sealEntry({ ...content, analyst: 'mallory' }));
    await writeLogLines(dir, lines);
  });
  assertFails(result, /entry 4: its prev does not match the line before it/);
});

test('deleting an entry', async () => {
  const result = await verifyTampered(async (dir) => {
    const lines = await logLines(dir);
    lines.splice(2, 1);
    await writeLogLines(dir, lines);
  });
  assertFails(result, /line 3 holds entry 4 where entry 3 belongs: an entry was removed, inserted or moved/);
});

test('deleting the last entry leaves its evidence, held by no entry', async () => {
  const result = await verifyTampered(async (dir) => writeLogLines(dir, (await logLines(dir)).slice(0, -1)));
  assertFails(result, /evidence\/0005\/query\.sql is held by no entry/);
});

/** The head of the pristine case, as `tarn case verify` prints it. */
async function pristineHead(): Promise<string> {
  const verified = await tarn('case', 'verify', CASE, '--cases', pristine);
  return /head ([0-9a-f]{64})/.exec(verified.out)?.[1] ?? '';
}

const removeLastEntryWithEvidence = async (dir: string) => {
  await writeLogLines(dir, (await logLines(dir)).slice(0, -1));
  await rm(join(dir, 'evidence/0005'), { recursive: true });
};

test('deleting the last entry with its evidence passes a plain verify, and fails verify --head', async () => {
  const head = await pristineHead();
  assert.equal((await verifyTampered(removeLastEntryWithEvidence)).code, 0, 'the chain that is left holds');
  const cases = tempDir('tarn-tampered-');
  await cp(pristine, cases, { recursive: true });
  await removeLastEntryWithEvidence(join(cases, CASE));
  const newHead = lineHash((await logLines(join(cases, CASE)))[3] ?? '');
  assertFails(
    await tarn('case', 'verify', CASE, '--cases', cases, '--head', head),
    new RegExp(
      `the log ends at entry 4 \\(head ${newHead}\\), not at the head ${head} given with --head: no entry has that head, so entries were removed from its end \\(with their evidence\\) or the log was replaced\n$`,
    ),
  );
});

test('verify --head passes on the untouched case, and names a head that is not the last one', async () => {
  const head = await pristineHead();
  const untouched = await tarn('case', 'verify', CASE, '--cases', pristine, '--head', head);
  assert.deepEqual(untouched, { code: 0, out: `verified 5 entries (head ${head}, as given with --head)\n`, err: '' });
  const third = lineHash((await logLines(join(pristine, CASE)))[2] ?? '');
  assertFails(
    await tarn('case', 'verify', CASE, '--cases', pristine, '--head', third),
    /: that is the head of entry 3, and 2 entries follow it \(added since that head was written down\?\)\n$/,
  );
  const bad = await tarn('case', 'verify', CASE, '--cases', pristine, '--head', 'abc');
  assert.deepEqual(
    [bad.code, bad.err],
    [2, 'tarn case: --head takes the 64 hex digits of a head that tarn printed, not "abc"\n'],
  );
  const elsewhere = await tarn('case', 'log', CASE, '--cases', pristine, '--head', head);
  assert.deepEqual([elsewhere.code, elsewhere.err], [2, 'tarn case: --head is for tarn case verify\n']);
});

test('a bundle cut by its last entry and that entry’s evidence fails against the head in its manifest', async () => {
  const bundle = join(tempDir(), 'case.tar.gz');
  assert.equal((await tarn('case', 'export', CASE, '--cases', pristine, '--out', bundle)).code, 0);
  const unpacked = tempDir();
  await extract({ file: bundle, cwd: unpacked });
  await removeLastEntryWithEvidence(join(unpacked, CASE));
  const cut = join(tempDir(), 'cut.tar.gz');
  await create({ gzip: true, file: cut, cwd: unpacked }, [`${CASE}.manifest.json`, CASE]);
  assertFails(
    await tarn('case', 'verify', '--bundle', cut),
    new RegExp(`not at the head ${await pristineHead()} recorded in the bundle's manifest: no entry has that head`),
  );

  const bare = join(tempDir(), 'bare.tar.gz');
  await create({ gzip: true, file: bare, cwd: unpacked }, [CASE]);
  assertFails(
    await tarn('case', 'verify', '--bundle', bare),
    new RegExp(`the bundle ${bare} holds no ${CASE}\\.manifest\\.json: the head its log must end at is not recorded`),
  );
  const newHead = lineHash((await logLines(join(unpacked, CASE)))[3] ?? '');
  const pinned = await tarn('case', 'verify', '--bundle', bare, '--head', newHead);
  assert.equal(pinned.out, `verified 4 entries (head ${newHead}, as given with --head)\n`);
});

test('swapping two entries', async () => {
  const result = await verifyTampered(async (dir) => {
    const [first, second, third, ...rest] = await logLines(dir);
    await writeLogLines(dir, [first ?? '', third ?? '', second ?? '', ...rest]);
  });
  assertFails(result, /line 2 holds entry 3 where entry 2 belongs/);
});

test('inserting a forged entry with its own hash recomputed and a correct link to the line before', async () => {
  const result = await verifyTampered(async (dir) => {
    const lines = await logLines(dir);
    const forged = sealEntry({
      seq: 3,
      time: parse(lines[1]).time,
      analyst: 'alice',
      kind: 'note',
      title: 'root cause: a misconfigured backup job',
      files: [],
      prev: lineHash(lines[1] ?? ''),
    });
    lines.splice(2, 0, JSON.stringify(forged));
    await writeLogLines(dir, lines);
  });
  assertFails(result, /line 4 holds entry 3 where entry 4 belongs/);
});

test('editing an evidence file', async () => {
  const result = await verifyTampered(async (dir) => {
    const path = join(dir, 'evidence/0002/result.csv');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/\d+\r\n$/, '0\r\n'));
  });
  assertFails(result, /entry 2: its file evidence\/0002\/result\.csv has changed \(sha256 [0-9a-f]{64}/);
});

test('deleting an evidence file', async () => {
  const result = await verifyTampered((dir) => rm(join(dir, 'evidence/0004/triage-report.md')));
  assertFails(result, /entry 4: its file evidence\/0004\/triage-report\.md is missing/);
});

test('adding a file to the case', async () => {
  const result = await verifyTampered((dir) => writeFile(join(dir, 'evidence/0003/planted.txt'), 'x'));
  assertFails(result, /evidence\/0003\/planted\.txt is held by no entry: a file was added to the case/);
});

test('a log cut in the middle of its last line is reported as incomplete; log shows what holds; add refuses', async () => {
  const cases = tempDir('tarn-tampered-');
  await cp(pristine, cases, { recursive: true });
  const logFile = join(cases, CASE, 'log.jsonl');
  await truncate(logFile, (await readFile(logFile)).length - 40);
  const verified = await tarn('case', 'verify', CASE, '--cases', cases);
  assertFails(verified, /line 5 is incomplete: the log ends mid-entry/);
  const log = await tarn('case', 'log', CASE, '--cases', cases, '--format', 'json');
  assert.equal(log.code, 1);
  const shown = JSON.parse(log.out) as { head: string | null; entries: CaseEntry[] };
  assert.deepEqual(
    shown.entries.map((entry) => entry.seq),
    [1, 2, 3, 4],
  );
  assert.equal(shown.head, null, 'a broken log has no head to pin');
  assert.match(log.err, /^the log is broken after the entries shown: line 5 is incomplete/);
  const added = await tarn('case', 'add', CASE, '--cases', cases, '--note', 'more');
  assert.equal(added.code, 1);
  assert.match(added.err, /nothing was added: the case log is broken: line 5 is incomplete/);
});

test('a line that is not JSON is named', async () => {
  const result = await verifyTampered((dir) => appendFile(join(dir, 'log.jsonl'), 'garbage\n'));
  assertFails(result, /line 6 is not valid JSON/);
});

test('a bundle whose evidence was changed, or that was cut short, fails verification', async () => {
  const bundle = join(tempDir(), 'case.tar.gz');
  assert.equal((await tarn('case', 'export', CASE, '--cases', pristine, '--out', bundle)).code, 0);
  const unpacked = tempDir();
  await extract({ file: bundle, cwd: unpacked });
  await appendFile(join(unpacked, CASE, 'evidence/0003/note.txt'), ' Nothing else.');
  const repacked = join(tempDir(), 'repacked.tar.gz');
  await create({ gzip: true, file: repacked, cwd: unpacked }, [CASE]);
  assertFails(
    await tarn('case', 'verify', '--bundle', repacked),
    /entry 3: its file evidence\/0003\/note\.txt has changed/,
  );

  await truncate(bundle, (await readFile(bundle)).length - 100);
  assertFails(await tarn('case', 'verify', '--bundle', bundle), /the bundle .* cannot be read/);
});

test('export refuses a case that does not verify', async () => {
  const cases = tempDir('tarn-tampered-');
  await cp(pristine, cases, { recursive: true });
  await rm(join(cases, CASE, 'evidence/0002/result.json'));
  const out = join(tempDir(), 'x.tar.gz');
  const exported = await tarn('case', 'export', CASE, '--cases', cases, '--out', out);
  assert.deepEqual(
    [exported.code, exported.err],
    [1, 'tarn case: not exported: entry 2: its file evidence/0002/result.json is missing\n'],
  );
  await assert.rejects(readFile(out), { code: 'ENOENT' });
});

test('evidence replaced by a symbolic link fails verify, naming it, and the case is not exported', async () => {
  const outside = join(tempDir('tarn-outside-'), 'result.csv');
  const result = await verifyTampered(async (dir) => {
    const path = join(dir, 'evidence/0002/result.csv');
    await cp(path, outside);
    await rm(path);
    await symlink(outside, path);
  });
  assertFails(result, /evidence\/0002\/result\.csv is a symbolic link: a case holds its evidence as files, not links/);
  const cases = tempDir('tarn-tampered-');
  await cp(pristine, cases, { recursive: true });
  await symlink(outside, join(cases, CASE, 'evidence/0002/linked.csv'));
  const exported = await tarn('case', 'export', CASE, '--cases', cases, '--out', join(tempDir(), 'case.tar.gz'));
  assert.equal(exported.code, 1);
  assert.match(exported.err, /not exported: evidence\/0002\/linked\.csv is a symbolic link/);
});
