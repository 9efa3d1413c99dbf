// `tarn case`: a case built through the CLI holds each step's evidence, with the hashes and the lake state
// needed to check it later, and verifies; its bundle verifies wherever it is extracted.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { extract } from 'tar';
import { camelCaseKeys } from '../../src/json-keys.ts';
import { ledgerPosition, readLedger } from '../../src/lake/ledger.ts';
import { formatResult, openQueryEngine } from '../../src/query/index.ts';
import type { CaseEntry } from '../../src/respond/cases/case-entry.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';
import { CASE, caseWithEvidence, OPERATIONS_SQL, smallLake } from './case-fixtures.ts';

let lakeDir: string;
let cases: string;

before(async () => {
  lakeDir = await smallLake();
  cases = await caseWithEvidence(lakeDir);
});

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function entries(): Promise<CaseEntry[]> {
  const log = await tarn('case', 'log', CASE, '--cases', cases, '--format', 'json');
  assert.equal(log.code, 0, log.err);
  // The printed log is the log's entries with snake_case keys, as every JSON Tarn prints.
  return camelCaseKeys((JSON.parse(log.out) as { entries: unknown }).entries) as CaseEntry[];
}

test('the log lists the entries in order, chained from the genesis value', async () => {
  const log = await entries();
  assert.deepEqual(
    log.map((entry) => [entry.seq, entry.kind, entry.analyst]),
    [1, 2, 3, 4, 5].map((seq, i) => [seq, ['open', 'query', 'note', 'file', 'query'][i], 'alice']),
  );
  assert.equal(log[0]?.prev, '0'.repeat(64));
  const lines = (await readFile(join(cases, CASE, 'log.jsonl'), 'utf8')).trimEnd().split('\n');
  for (const [i, entry] of log.entries()) if (i > 0) assert.equal(entry.prev, sha256(lines[i - 1] ?? ''));

  const table = await tarn('case', 'log', CASE, '--cases', cases);
  assert.equal(table.code, 0, table.err);
  assert.match(
    table.out,
    /^ +2 \| [\d-]+ [\d:.]+ \| alice +\| query +\| API calls by operation +\| \d+ rows @ ledger 1, query\.sql/m,
  );
  assert.match(table.out, /^ +3 \| .*\| note +\| Burst of Describe\* calls from one role\. +\| note\.txt/m);
});

test('log, add and verify name the head: the SHA-256 of the last line', async () => {
  const lastLine = async () => (await readFile(join(cases, CASE, 'log.jsonl'), 'utf8')).trimEnd().split('\n').at(-1);
  const head = sha256((await lastLine()) ?? '');
  const table = await tarn('case', 'log', CASE, '--cases', cases);
  assert.ok(table.out.endsWith(`\nhead ${head} (entry 5)\n`), table.out);
  const json = await tarn('case', 'log', CASE, '--cases', cases, '--format', 'json');
  assert.equal(JSON.parse(json.out).head, head);

  const copy = tempDir('tarn-cases-');
  await cp(cases, copy, { recursive: true });
  const added = await tarn('case', 'add', CASE, '--cases', copy, '--note', 'key disabled');
  const newHead = sha256((await readFile(join(copy, CASE, 'log.jsonl'), 'utf8')).trimEnd().split('\n')[5] ?? '');
  assert.match(added.out, new RegExp(`^added entry 6 \\(note\\) to case ${CASE}, head ${newHead}\n`));
  const verified = await tarn('case', 'verify', CASE, '--cases', copy, '--head', newHead);
  assert.deepEqual(verified, { code: 0, out: `verified 6 entries (head ${newHead}, as given with --head)\n`, err: '' });
});

test('a query entry holds the query, its result as the query layer formats it, the hashes and the lake state', async () => {
  const entry = (await entries())[1];
  assert.ok(entry);
  assert.equal(entry.query, OPERATIONS_SQL);
  assert.deepEqual(
    entry.files.map((file) => file.path),
    ['evidence/0002/query.sql', 'evidence/0002/result.json', 'evidence/0002/result.csv'],
  );
  const engine = await openQueryEngine({ lakeDir });
  const expected = await engine.run(OPERATIONS_SQL).finally(() => engine.close());
  assert.ok(expected.rows.length > 3);
  const stored = new Map<string, Buffer>();
  for (const file of entry.files) {
    const bytes = await readFile(join(cases, CASE, file.path));
    assert.deepEqual([sha256(bytes), bytes.length], [file.sha256, file.bytes], file.path);
    stored.set(file.path.slice('evidence/0002/'.length), bytes);
  }
  assert.equal(stored.get('query.sql')?.toString(), OPERATIONS_SQL);
  assert.equal(stored.get('result.json')?.toString(), formatResult(expected, 'json'));
  assert.equal(stored.get('result.csv')?.toString(), formatResult(expected, 'csv'));
  assert.deepEqual(entry.result, { rows: expected.rows.length, truncated: false });

  const ledger = await readLedger(lakeDir);
  assert.deepEqual(entry.lake, {
    ledgerPosition: ledgerPosition(ledger),
    ledgerSha256: ledger.state,
    lakeDir,
  });
  assert.equal(entry.lake?.ledgerPosition, 1);
});

test('a note and a file are kept as files of their entries, hashed', async () => {
  const [, , note, file] = await entries();
  assert.equal(note?.title, 'Burst of Describe* calls from one role.');
  const noteText = await readFile(join(cases, CASE, 'evidence/0003/note.txt'), 'utf8');
  assert.equal(noteText, 'Burst of Describe* calls from one role.\nLooks like discovery.');
  assert.equal(note?.files[0]?.sha256, sha256(noteText));
  assert.equal(file?.title, 'triage report');
  const copy = await readFile(join(cases, CASE, 'evidence/0004/triage-report.md'), 'utf8');
  assert.match(copy, /^# Triage/);
  assert.equal(file?.files[0]?.sha256, sha256(copy));
});

test('verify passes on the untouched case and names the head of the chain', async () => {
  const lines = (await readFile(join(cases, CASE, 'log.jsonl'), 'utf8')).trimEnd().split('\n');
  const verified = await tarn('case', 'verify', CASE, '--cases', cases);
  assert.deepEqual(verified, { code: 0, out: `verified 5 entries (head ${sha256(lines[4] ?? '')})\n`, err: '' });
});

test('an exported bundle, extracted elsewhere, verifies, and verifies as a bundle', async () => {
  const out = join(tempDir(), `${CASE}.tar.gz`);
  const exported = await tarn('case', 'export', CASE, '--cases', cases, '--out', out);
  assert.equal(exported.code, 0, exported.err);
  const head = sha256((await readFile(join(cases, CASE, 'log.jsonl'), 'utf8')).trimEnd().split('\n')[4] ?? '');
  const bundleHash = sha256(await readFile(out));
  assert.equal(exported.out, `wrote ${out}: 5 entries, head ${head}; sha256 ${bundleHash}\n`);

  const elsewhere = tempDir();
  await extract({ file: out, cwd: elsewhere });
  assert.equal((await tarn('case', 'verify', CASE, '--cases', elsewhere)).code, 0);
  const manifest = JSON.parse(await readFile(join(elsewhere, `${CASE}.manifest.json`), 'utf8'));
  assert.deepEqual(
    { ...manifest, exportedAt: typeof manifest.exportedAt },
    {
      format: 'tarn-case-bundle/1',
      case: CASE,
      entries: 5,
      head,
      exportedAt: 'string',
    },
  );
  const bundled = await tarn('case', 'verify', '--bundle', out);
  assert.deepEqual(bundled, {
    code: 0,
    out: `verified 5 entries (head ${head}, as recorded in the bundle's manifest)\n`,
    err: '',
  });
  const pinned = await tarn('case', 'verify', '--bundle', out, '--head', head.toUpperCase());
  assert.equal(
    pinned.out,
    `verified 5 entries (head ${head}, as recorded in the bundle's manifest and given with --head)\n`,
  );
});

test('usage mistakes are one-line errors', async () => {
  const again = await tarn('case', 'open', CASE, '--cases', cases);
  assert.deepEqual([again.code, again.err], [1, `tarn case: the case ${join(cases, CASE)} already exists\n`]);
  const both = await tarn('case', 'add', CASE, '--cases', cases, '--note', 'a', '--file', 'b');
  assert.deepEqual(
    [both.code, both.err],
    [2, 'tarn case: add takes exactly one of --query SQL, --note TEXT or --file PATH\n'],
  );
  const missing = await tarn('case', 'add', 'no-such-case', '--cases', cases, '--note', 'a');
  assert.deepEqual([missing.code, missing.err], [1, `tarn case: there is no case at ${join(cases, 'no-such-case')}\n`]);
  const badName = await tarn('case', 'open', '../escape', '--cases', cases);
  assert.equal(badName.code, 2);
  assert.match(badName.err, /is not a case name/);
  const noLake = await tarn('case', 'add', CASE, '--cases', cases, '--query', 'SELECT 1', '--lake', tempDir());
  assert.equal(noLake.code, 2);
  assert.match(noLake.err, /is not a Tarn lake: it has no _tarn\/ledger\.json/);
  const write = await tarn('case', 'add', CASE, '--cases', cases, '--query', 'DROP TABLE x', '--lake', lakeDir);
  assert.equal(write.code, 1);
  assert.match(write.err, /refused/);
  assert.equal((await entries()).length, 5, 'a refused step adds nothing');
  assert.equal((await tarn('case', 'verify', CASE, '--cases', cases)).code, 0);
});
