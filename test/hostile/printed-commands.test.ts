// Issue 10, items 7 and 9: a principal's name comes from logs an attacker may have written. Every printed
// shell command quotes it, the key id comes from the step's data, and neither a newline nor Markdown's control
// characters can start or shape a Markdown heading.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const NAME = 'eve $(touch pwned)\n# Injected heading';
const ARN = `arn:aws:iam::111122223333:user/${NAME}`;
const KEY = 'AKIAFORGEDKEY0000001';

function event(n: number, eventName: string): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAFORGED',
      arn: ARN,
      accountId: '111122223333',
      userName: NAME,
      accessKeyId: KEY,
    },
    eventTime: `2024-03-10T12:00:0${n}Z`,
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `00000000-0000-0000-0000-00000000000${n}`,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}

test('contain --plan quotes the forged name in every command and takes the key id from data', async () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  writeFileSync(
    join(dir, 'in.jsonl'),
    `${[event(1, 'ListUsers'), event(2, 'ListRoles')].map((e) => JSON.stringify(e)).join('\n')}\n`,
  );
  assert.equal((await tarn('ingest', '--lake', lake, join(dir, 'in.jsonl'))).code, 0);
  const plan = await tarn('contain', '--plan', '--lake', lake, '--principal', ARN);
  assert.equal(plan.code, 0, plan.err);
  const commands = plan.out.split('\n').filter((line) => line.startsWith('aws ') || line.startsWith('tarn '));
  assert.ok(
    commands.some((line) => line.includes(`AttributeValue=${KEY}`)),
    plan.out,
  );
  const investigate = plan.out.slice(plan.out.indexOf('tarn investigate --principal '));
  assert.ok(
    investigate.startsWith(
      `tarn investigate --principal 'arn:aws:iam::111122223333:user/eve $(touch pwned)\n# Injected heading' --from `,
    ),
    investigate.slice(0, 200),
  );
  // Outside the shell blocks, the name never starts a line of its own.
  const prose = plan.out.replace(/```sh\n[\s\S]*?```/g, '');
  assert.doesNotMatch(prose, /^# Injected heading/m);
});

test('the investigation report keeps a newline in a principal name out of its headings', async () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify(event(3, 'ListUsers'))}\n`);
  assert.equal((await tarn('ingest', '--lake', lake, join(dir, 'in.jsonl'))).code, 0);
  const report = await tarn('investigate', '--lake', lake, '--principal', ARN);
  assert.equal(report.code, 0, report.err);
  const prose = report.out.replace(/```sh\n[\s\S]*?```/g, '');
  assert.doesNotMatch(prose, /^# Injected heading/m);
  assert.match(prose, /eve \$\(touch pwned\) # Injected heading/);
});

test('Markdown control characters in a principal name are escaped in every heading, and the name reads as written', async () => {
  const name = 'mallory_*x*[click](evil.example)<img src=x>#\n## Fake section |';
  const arn = `arn:aws:iam::111122223333:user/${name}`;
  const dir = tempDir();
  const lake = join(dir, 'lake');
  const forged = {
    ...event(4, 'ListGroups'),
    userIdentity: { ...(event(4, 'ListGroups').userIdentity as object), arn, userName: name },
  };
  writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify(forged)}\n`);
  assert.equal((await tarn('ingest', '--lake', lake, join(dir, 'in.jsonl'))).code, 0);
  for (const argv of [['investigate'], ['contain', '--plan']]) {
    const report = await tarn(...argv, '--lake', lake, '--principal', arn);
    assert.equal(report.code, 0, report.err);
    const headings = report.out
      .replace(/```sh\n[\s\S]*?```/g, '')
      .split('\n')
      .filter((line) => line.startsWith('#'));
    const title = headings[0] ?? '';
    assert.equal(
      title.slice(title.indexOf(': ') + 2),
      'mallory\\_\\*x\\*\\[click\\](evil.example)\\<img src=x\\>\\# \\#\\# Fake section \\|',
    );
    assert.ok(!headings.some((h) => /^#+ Fake section/.test(h)), headings.join('\n'));
    for (const heading of headings) assert.doesNotMatch(heading, /(?<!\\)[*[<]/, heading);
  }
});
