// `tarn rules list|test` and the YAML rule files: the built-in pack's inline tests all pass through a real
// ingest and evaluation, a user folder replaces a rule by id (and a wrong expectation fails the test run),
// and a broken rule file is refused with its file and field named.

import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadRuleFile } from '../../src/detect/rule-file.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const USER_RULES = join(REPO, 'test/detect/fixtures/user-rules');
let root: string;

function rules(...argv: string[]) {
  return tarn('rules', ...argv);
}

before(() => {
  root = tempDir('tarn-rules-');
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('rules list shows every built-in rule with its severity, tactics and techniques', async () => {
  const run = await rules('list');
  assert.equal(run.code, 0, run.err);
  const rows = run.out.split('\n').filter((line) => / \| /.test(line) && !line.startsWith(' id '));
  assert.ok(rows.length >= 10, run.out);
  assert.match(run.out, /^ s3-read-then-delete +\| High +\| collection impact +\| T1530 T1485 +\| +2 \| yes$/m);
  assert.match(run.out, /\((\d+) rules\)\n$/);
});

test('rules test passes every inline test of the built-in pack through ingest and evaluation', async () => {
  const run = await rules('test');
  assert.equal(run.code, 0, run.out);
  const [, passed, failed] = /(\d+) passed, (\d+) failed/.exec(run.out) ?? [];
  assert.equal(failed, '0');
  assert.ok(Number(passed) >= 20, run.out);
  assert.match(run.out, /pass +\| denied-burst +\| two refusals are not a burst +\| 0 hit\(s\), expected none/);
});

test('a user folder replaces a built-in rule by id, and a test whose expectation is wrong fails', async () => {
  const list = await rules('list', '--rules', USER_RULES, '--rule', 'denied-burst');
  assert.match(list.out, /^ denied-burst +\| Low +\| discovery +\| T1078\.004 +\| +1 \| yes$/m);
  const run = await rules('test', '--rules', USER_RULES, '--rule', 'denied-burst');
  assert.equal(run.code, 1);
  assert.match(run.out, /FAIL +\| denied-burst +\| two refusals +\| 1 hit\(s\), expected none/);
  assert.match(run.out, /0 passed, 1 failed/);
});

test('a broken rule file is refused, naming the file and what is wrong', async () => {
  const file = join(root, 'bad.yaml');
  const base = `id: x\ntitle: t\ndescription: d\ntechniques: [{id: T1098, name: n}]\n`;
  const cases: [string, RegExp][] = [
    [`${base}severity: urgent\nquery: SELECT 1`, /"severity" must be one of Low, Medium, High, Critical/],
    [`${base}severity: low\nquery: SELECT * FROM {{cloudtrail}}`, /unknown placeholder \{\{cloudtrail\}\}/],
    [`${base}severity: low\nquery: SELECT 1\nwhen: always`, /unknown field\(s\) when/],
    [`${base}severity: low\nquery: SELECT 1\ntests: [{name: t, fire: yes, events: []}]`, /tests\[0\] needs/],
    ['id: [', /not valid YAML/],
    [`${base}severity: low\nquery: SELECT * FROM {{baseline}}`, /unknown placeholder \{\{baseline\}\}/],
    [`${base}severity: low\nquery: SELECT 1\nbaseline: {merge: {a: min}, query: SELECT 1}`, /"baseline.key" must name/],
    [
      `${base}severity: low\nquery: SELECT 1\nbaseline: {key: [k], merge: {a: sum}, query: q}`,
      /merge.a" must be min or max/,
    ],
    [
      `${base}severity: low\nquery: SELECT 1\nbaseline: {key: [k], merge: {k: min}, query: q}`,
      /k is both a key and merged/,
    ],
    [`${base}severity: low\nquery: SELECT 1\nbaseline: {key: [k], merge: {a: max}}`, /"baseline.query" must be/],
    [
      `${base}severity: low\nquery: SELECT 1\nbaseline: {key: [k], merge: {a: max}, query: "SELECT * FROM {{baseline}}"}`,
      /"baseline.query" uses an unknown placeholder \{\{baseline\}\}/,
    ],
  ];
  for (const [text, reason] of cases) {
    await writeFile(file, text);
    assert.throws(
      () => loadRuleFile(file),
      (error: Error) => error.message.includes(file) && reason.test(error.message),
    );
  }
});

test('rules without an action, or with an unknown rule id, are usage errors', async () => {
  assert.equal((await rules()).code, 2);
  const run = await rules('list', '--rule', 'nope');
  assert.equal(run.code, 2);
  assert.match(run.err, /no rule with id "nope"/);
});
