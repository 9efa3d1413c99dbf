// A rule's group_by, threshold and suppress: hits merged by key, small groups dropped, and a suppression window
// that holds across detect runs (a late batch inside the window alerts nothing; one past it alerts again).

import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadRuleFile } from '../../src/detect/rule-file.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const TAMPERING = join(REPO, 'test/detect/fixtures/tampering.jsonl');
const STOPPED = join(REPO, 'rules/cloudtrail-logging-stopped.yaml');
let root: string;

before(() => {
  root = tempDir('tarn-grouping-');
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** The built-in cloudtrail-logging-stopped with extra fields, in its own rules folder. */
async function tunedRule(name: string, extra: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'stopped.yaml'), `${await readFile(STOPPED, 'utf8')}\n${extra}\n`);
  return dir;
}

async function detect(lakeDir: string, rulesDir: string) {
  const args = [
    'detect',
    '--lake',
    lakeDir,
    '--rules',
    rulesDir,
    '--rule',
    'cloudtrail-logging-stopped',
    '--format',
    'json',
  ];
  const { code, out, err } = await tarn(...args);
  assert.equal(code, 0, err);
  return JSON.parse(out) as {
    time: number;
    message: string;
    finding_info: { related_events: unknown[] };
  }[];
}

async function lateStop(lakeDir: string, n: number, time: string): Promise<void> {
  const lines = (await readFile(TAMPERING, 'utf8')).split('\n');
  const id = `d00000${n}`;
  const late = (lines[1] as string).replaceAll('d0000002', id).replace('09:01:00Z', time);
  await writeFile(join(root, `late-${n}.jsonl`), `${late}\n`);
  await ingest({ lakeDir, paths: [join(root, `late-${n}.jsonl`)] });
}

test('group_by merges the two StopLogging hits into one detection; a threshold above its events drops it', async () => {
  const grouped = await tunedRule('grouped', 'group_by: [principal]\nthreshold: 2');
  const lakeDir = join(root, 'lake-grouped');
  await ingest({ lakeDir, paths: [TAMPERING] });
  const found = await detect(lakeDir, grouped);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.finding_info.related_events.length, 2);
  assert.match(found[0]?.message ?? '', /2 hits: StopLogging/);

  const strict = await tunedRule('strict', 'group_by: [principal]\nthreshold: 3');
  const other = join(root, 'lake-strict');
  await ingest({ lakeDir: other, paths: [TAMPERING] });
  assert.deepEqual(await detect(other, strict), []);
});

test('suppress holds across detect runs: inside the window nothing new, past it a new detection', async () => {
  const rules = await tunedRule('suppressed', 'suppress: 1h');
  const lakeDir = join(root, 'lake-suppressed');
  await ingest({ lakeDir, paths: [TAMPERING] });
  const first = await detect(lakeDir, rules);
  assert.deepEqual(
    first.map((f) => new Date(f.time).toISOString()),
    ['2024-05-02T09:01:00.000Z'],
    'the 09:02 StopLogging falls in the window of the 09:01 one',
  );
  await lateStop(lakeDir, 91, '09:45:00Z');
  assert.deepEqual(await detect(lakeDir, rules), [], 'a later run still honours the window');
  await lateStop(lakeDir, 92, '10:30:00Z');
  assert.deepEqual(
    (await detect(lakeDir, rules)).map((f) => new Date(f.time).toISOString()),
    ['2024-05-02T10:30:00.000Z'],
  );
});

test('grouping fields with a mistake are refused naming the file and the field', async () => {
  for (const [extra, reason] of [
    ['group_by: [nobody]', /"group_by" field "nobody" is not one of principal/],
    ['threshold: 0', /"threshold" must be a whole number/],
    ['suppress: soon', /"suppress" must be a duration/],
  ] as const) {
    const dir = await tunedRule(`bad-${extra.slice(0, 5)}`, extra);
    assert.throws(() => loadRuleFile(join(dir, 'stopped.yaml')), reason);
  }
});

test('hits on events without an eventID (CloudTrail before 2014) count: alone, and toward a threshold', async () => {
  const events = (await readFile(TAMPERING, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => {
      const { eventID: _id, requestID: _request, ...early } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(early);
    });
  const file = join(root, 'no-event-ids.jsonl');
  await writeFile(file, `${events.join('\n')}\n`);
  const [plainLake, groupedLake] = [join(root, 'lake-uidless-plain'), join(root, 'lake-uidless-grouped')];
  for (const lakeDir of [plainLake, groupedLake]) await ingest({ lakeDir, paths: [file] });
  const plain = await detect(plainLake, await tunedRule('uidless-plain', ''));
  assert.deepEqual(
    plain.map((f) => f.finding_info.related_events),
    [[], []],
  );
  const grouped = await detect(groupedLake, await tunedRule('uidless-grouped', 'group_by: [principal]\nthreshold: 2'));
  assert.equal(grouped.length, 1);
  assert.match(grouped[0]?.message ?? '', /2 hits: StopLogging/);
});
