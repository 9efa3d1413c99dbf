// Events without `metadata.uid`: CloudTrail wrote no eventID before 2014, and trimmed real records (Panther's
// test events in ../shared/datasets) have none either. `investigate` keeps each such event apart (two of
// them at the same second are two events, not one) and never prints an empty id: Markdown, HTML and the
// timeline export say "(none recorded)", the JSON report writes null.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';

const PANTHER = join(import.meta.dirname, '../../../shared/datasets/panther-analysis/panther_tests_cloudtrail.jsonl');
const USER = 'arn:aws:iam::123456789012:user/compromised-user';
/** A CreateUser as CloudTrail wrote it in early 2014 (eventVersion 1.01): no eventID, requestID or recipientAccountId. */
const CREATE_USER_2014 = {
  eventVersion: '1.01',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDAIOSFODNN7EXAMPLE',
    arn: USER,
    accountId: '123456789012',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    userName: 'compromised-user',
  },
  eventTime: '2014-03-06T21:22:54Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.42',
  userAgent: 'aws-cli/1.3.2',
  requestParameters: { userName: 'backdoor' },
  responseElements: {
    user: { userName: 'backdoor', arn: 'arn:aws:iam::123456789012:user/backdoor', userId: 'AIDABACKDOOR', path: '/' },
  },
};

let root = '';
let lakeDir = '';

async function report(format: string, command = 'investigate'): Promise<string> {
  const run = await runTarn([command, '--lake', lakeDir, '--principal', USER, '--format', format]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

before(async () => {
  root = tempDir('tarn-uidless-');
  lakeDir = join(root, 'lake');
  // Lines 408 and 409: the same user's GetCallerIdentity at the same second, from two user agents, no ids.
  const lines = readFileSync(PANTHER, 'utf8').split('\n').slice(407, 409);
  for (const line of lines) assert.equal(JSON.parse(line).eventID, undefined);
  writeFileSync(join(root, 'events.jsonl'), `${[...lines, JSON.stringify(CREATE_USER_2014)].join('\n')}\n`);
  const run = await runTarn(['ingest', '--lake', lakeDir, '--no-detect', join(root, 'events.jsonl')]);
  assert.equal(run.code, 0, run.stderr);
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('JSON: each uid-less event is its own, with uid null, and proofs say null too', async () => {
  const json = JSON.parse(await report('json'));
  assert.equal(json.event_count, 3);
  assert.deepEqual(
    json.timeline.map((t: { operation: string; uid: unknown; time: string }) => [t.time, t.operation, t.uid]),
    [
      ['2014-03-06T21:22:54.000Z', 'CreateUser', null],
      ['2024-01-15T10:30:00.000Z', 'GetCallerIdentity', null],
      ['2024-01-15T10:30:00.000Z', 'GetCallerIdentity', null],
    ],
  );
  assert.deepEqual(json.user_agents.map((u: { value: string }) => u.value).sort(), [
    'TruffleHog',
    'aws-cli/1.3.2',
    'trufflehog/3.63.0',
  ]);
  const backdoor = json.created.find((c: { id: string }) => c.id === 'backdoor');
  assert.deepEqual(backdoor?.proof, {
    uid: null,
    time: '2014-03-06T21:22:54.000Z',
    operation: 'CreateUser',
    account_id: '123456789012',
    region: 'us-east-1',
  });
  // With its parameters in api.request.data, the 2014 CreateUser gives the detection a resource to name.
  const hit = json.findings.find((f: { rule: string }) => f.rule === 'iam-user-creates-user');
  assert.deepEqual([hit?.title, hit?.events], ['IAM user created another IAM user: backdoor', []]);
});

test('Markdown (what the terminal shows): "(none recorded)" in every id cell and proof, never an empty id', async () => {
  const md = await report('md');
  // The changes table (the CreateUser) and the timeline (all three).
  const rows = md.split('\n').filter((line) => /^\| 20\d\d-.*\| (CreateUser|GetCallerIdentity) \|/.test(line));
  assert.equal(rows.length, 4, md);
  for (const row of rows) assert.equal(row.split('|').at(-2)?.trim(), '(none recorded)', row);
  assert.ok(md.includes('CreateUser at 2014-03-06T21:22:54.000Z in 123456789012, event id (none recorded)'), md);
  assert.doesNotMatch(md, /(^|[^`])``(?!`)/m, 'an empty code span is an empty id');
  const finding = md.split('\n').find((line) => line.includes('| iam-user-creates-user |'));
  assert.equal(finding?.split('|')[9]?.trim(), '(none recorded)', finding);
});

test('HTML: the same substitute, and no empty code element', async () => {
  const html = await report('html');
  assert.ok(html.includes('<td>(none recorded)</td>'), html.slice(0, 2000));
  assert.ok(html.includes('event id (none recorded)'));
  assert.ok(!html.includes('<code></code>'));
});

test('the timeline export names the missing id instead of leaving the cell empty', async () => {
  const rows = (await report('jsonl', 'timeline'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    rows.map((r: { api_operation: string; metadata_uid: string }) => [r.api_operation, r.metadata_uid]),
    [
      ['CreateUser', '(none recorded)'],
      ['GetCallerIdentity', '(none recorded)'],
      ['GetCallerIdentity', '(none recorded)'],
    ],
  );
});
