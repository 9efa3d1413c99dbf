// Evidence in one step (issue 11): `case add --query` shows the rows it recorded, and `investigate --case`
// adds the report to a case, after checking the case exists before any analysis.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';
import { OPERATIONS_SQL, smallLake } from '../respond/case-fixtures.ts';

let lakeDir: string;
let cases: string;

before(async () => {
  lakeDir = await smallLake();
  cases = tempDir('tarn-cases-');
  assert.equal((await tarn('case', 'open', 'IR-9', '--cases', cases, '--analyst', 'alice')).code, 0);
});

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

test('case add --query prints the row count and the first rows it recorded', async () => {
  const add = await tarn('case', 'add', 'IR-9', '--query', OPERATIONS_SQL, '--lake', lakeDir, '--cases', cases);
  assert.equal(add.code, 0, add.err);
  const recorded = JSON.parse(await readFile(join(cases, 'IR-9', 'evidence/0002/result.json'), 'utf8'));
  const total = recorded.rows.length as number;
  assert.ok(total > 10, `the dataset has ${total} operations`);
  const lines = add.out.split('\n');
  const at = lines.indexOf(`first 10 of ${total} rows:`);
  assert.ok(at > 0, add.out);
  assert.match(
    lines[0] ?? '',
    new RegExp(`^added entry 2 \\(query, ${total} rows at ledger position \\d+\\) to case IR-9`),
  );
  const table = lines.slice(at + 1).filter((line) => line !== '');
  assert.match(table[0] ?? '', /^ *operation +\| +n$/);
  const shown = table.slice(2).map((line) => line.split('|').map((cell) => cell.trim()));
  assert.deepEqual(
    shown,
    recorded.rows.slice(0, 10).map((row: [string, number]) => [row[0], String(row[1])]),
  );
});

test('investigate --case adds the report in each format to the case; an unknown case fails before any analysis', async () => {
  const principal = 'pedro';
  const missing = await tarn(
    ...['investigate', '--principal', principal, '--lake', join(tempDir(), 'no-lake')],
    ...['--case', 'IR-none', '--cases', cases],
  );
  assert.equal(missing.code, 2);
  assert.match(
    missing.err,
    /^tarn investigate: there is no case at .*IR-none \(open it with tarn case open IR-none\)\n$/,
  );
  const out = tempDir();
  const run = await tarn(
    ...['investigate', '--principal', principal, '--lake', lakeDir, '--format', 'md,json', '--out', out],
    ...['--case', 'IR-9', '--cases', cases, '--analyst', 'bob'],
  );
  assert.equal(run.code, 0, run.err);
  assert.match(run.err, /added entry 3 \(file\) to case IR-9, head [0-9a-f]{64}\n/);
  const log = JSON.parse((await tarn('case', 'log', 'IR-9', '--cases', cases, '--format', 'json')).out);
  const entry = log.entries[2];
  assert.deepEqual([entry.kind, entry.analyst], ['file', 'bob']);
  assert.match(entry.title, /^investigation of arn:aws:/);
  assert.deepEqual(
    entry.files.map((f: { path: string; sha256: string }) => f.path),
    ['evidence/0003/investigation.md', 'evidence/0003/investigation.json'],
  );
  for (const [i, format] of ['md', 'json'].entries()) {
    assert.equal(entry.files[i].sha256, sha256(await readFile(join(out, `investigation.${format}`), 'utf8')));
  }
  assert.equal((await tarn('case', 'verify', 'IR-9', '--cases', cases)).code, 0);
});

test('case add --max-rows takes all like query, and refuses 0 and other words before any work', async () => {
  assert.equal((await tarn('case', 'open', 'IR-10', '--cases', cases, '--analyst', 'alice')).code, 0);
  const add = (maxRows: string) =>
    tarn('case', 'add', 'IR-10', '--query', OPERATIONS_SQL, '--lake', lakeDir, '--cases', cases, '--max-rows', maxRows);
  for (const bad of ['0', '-1', 'every']) {
    const refused = await add(bad);
    assert.equal(refused.code, 2, bad);
    assert.equal(refused.err, `tarn case: --max-rows takes a whole number of at least 1, or all; not "${bad}"\n`);
  }
  const cut = await add('2');
  assert.equal(cut.code, 0, cut.err);
  assert.match(cut.out, /^added entry 2 \(query, 2 rows \(truncated, see --max-rows\) at ledger position/);
  const all = await add('all');
  assert.equal(all.code, 0, all.err);
  const recorded = JSON.parse(await readFile(join(cases, 'IR-10', 'evidence/0003/result.json'), 'utf8'));
  assert.ok(recorded.rows.length > 10);
  assert.match(all.out, new RegExp(`^added entry 3 \\(query, ${recorded.rows.length} rows at ledger position`));
  assert.equal(recorded.truncated, false);
});
