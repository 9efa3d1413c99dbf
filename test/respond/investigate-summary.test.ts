// Reports ready for the ticket (issue 11): the executive summary opens the report, the principal's routine
// calls (a nightly ListBuckets from its usual address on ten days) are folded into a count apart from the
// attack (a day and a half from a new address), the plan's proof is the attack's events, and the HTML has a
// table of contents, a print style, severity colours and a timeline zoomed to the attack.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { documentHtml } from '../../src/respond/report/report-html.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const ARN = 'arn:aws:iam::111122223333:user/svc-backup';
let lake: string;
const backups: string[] = [];
const attack: string[] = [];

function record(uid: string, time: string, eventName: string, ip: string, more: Record<string, unknown> = {}) {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDASVCBACKUP',
      arn: ARN,
      accountId: '111122223333',
      userName: 'svc-backup',
      accessKeyId: 'AKIASVCBACKUP0000001',
    },
    eventTime: time,
    eventSource: eventName === 'ListBuckets' || eventName === 'DeleteBucket' ? 's3.amazonaws.com' : 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: ip,
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${uid}`,
    eventID: uid,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...more,
  };
}

before(async () => {
  const dir = tempDir('tarn-summary-');
  lake = join(dir, 'lake');
  const records = [];
  for (let day = 1; day <= 10; day++) {
    const uid = `00000000-0000-0000-0000-0000000001${String(day).padStart(2, '0')}`;
    backups.push(uid);
    records.push(record(uid, `2024-03-${String(day).padStart(2, '0')}T02:00:00Z`, 'ListBuckets', '10.0.0.5'));
  }
  const steps: [string, string, Record<string, unknown>][] = [
    ['2024-03-10T14:00:00Z', 'CreateUser', { requestParameters: { userName: 'backdoor' } }],
    [
      '2024-03-10T14:05:00Z',
      'AttachUserPolicy',
      { requestParameters: { userName: 'backdoor', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
    ],
    ['2024-03-11T09:00:00Z', 'DeleteBucket', { requestParameters: { bucketName: 'finance-archive' } }],
    ['2024-03-11T23:00:00Z', 'ListUsers', {}],
  ];
  for (const [i, [time, name, more]] of steps.entries()) {
    const uid = `00000000-0000-0000-0000-00000000020${i}`;
    attack.push(uid);
    records.push(record(uid, time, name, '198.51.100.7', more));
  }
  writeFileSync(join(dir, 'trail.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  assert.equal((await tarn('ingest', '--lake', lake, join(dir, 'trail.jsonl'))).code, 0);
});

test('the Markdown opens with the executive summary; routine calls are a count apart from the attack', async () => {
  const md = await tarn('investigate', '--lake', lake, '--principal', 'svc-backup');
  assert.equal(md.code, 0, md.err);
  const headings = md.out.split('\n').filter((line) => line.startsWith('## '));
  assert.deepEqual(headings.slice(0, 2), ['## Executive summary', '## Principal']);
  const summary = md.out.slice(md.out.indexOf('## Executive summary'), md.out.indexOf('## Principal'));
  assert.deepEqual(summary.trim().split('\n').slice(2), [
    `- **Who:** IAMUser \`${ARN}\` in account 111122223333`,
    '- **Active:** first seen 2024-03-01T02:00:00.000Z, last seen 2024-03-11T23:00:00.000Z',
    '- **New activity:** 4 call(s) from 2024-03-10T14:00:00.000Z to 2024-03-11T23:00:00.000Z, from 198.51.100.7; set apart: 10 routine call(s) it always made (ListBuckets from 10.0.0.5 on 10 days)',
    '- **Privilege changes:** AttachUserPolicy×1',
    '- **Persistence created:** user×1',
    '- **Data:** 0 object(s) read, 0 written, 0 deleted; destruction: DeleteBucket×1',
    '- **Findings:** high: 1, medium: 1',
  ]);
});

test('the containment steps cite the attack’s events as proof, never the routine ones', async () => {
  const json = await tarn('investigate', '--lake', lake, '--principal', 'svc-backup', '--format', 'json');
  assert.equal(json.code, 0, json.err);
  const inv = JSON.parse(json.out);
  assert.equal(inv.executive_summary.routine.calls, 10);
  assert.deepEqual(inv.executive_summary.routine.habits, [
    { operation: 'ListBuckets', ip: '10.0.0.5', calls: 10, days: 10 },
  ]);
  const own = inv.containment.steps.filter((s: { target: string }) => s.target.includes('svc-backup'));
  assert.ok(own.length >= 2, JSON.stringify(inv.containment.steps.map((s: { action: string }) => s.action)));
  for (const step of own) {
    const cited = step.evidence.map((e: { uid: string }) => e.uid);
    assert.ok(cited.length > 0 && cited.every((uid: string) => attack.includes(uid)), `${step.action}: ${cited}`);
    assert.match(step.why, /4 call\(s\) from 198\.51\.100\.7, .*, besides 10 routine call\(s\)/);
  }
  assert.deepEqual(
    inv.timeline.filter((t: { routine: boolean }) => t.routine).map((t: { uid: string }) => t.uid),
    backups,
  );
});

test('the HTML has a table of contents, a print style and a timeline zoomed to the attack with labels whole', async () => {
  const html = await tarn('investigate', '--lake', lake, '--principal', 'svc-backup', '--format', 'html');
  assert.equal(html.code, 0, html.err);
  const page = html.out;
  assert.match(
    page,
    /<nav class="toc" aria-label="contents"><b>Contents<\/b><ul><li><a href="#executive-summary">Executive summary<\/a><\/li><li><a href="#principal">Principal<\/a><\/li>/,
  );
  for (const id of [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])) {
    assert.ok(page.includes(`<h2 id="${id}">`), `anchor ${id}`);
  }
  assert.match(page, /@media print\{[^}]*body\{/);
  const svg = /<svg [^>]*aria-label="timeline">[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
  const axis = [...svg.matchAll(/>(\d{4}-\d\d-\d\dT[^<]+)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(axis, ['2024-03-10T14:00:00.000Z', '2024-03-11T23:00:00.000Z']);
  assert.match(svg, /10 routine call\(s\) not drawn/);
  assert.ok(svg.includes(`>${ARN}</text>`), 'the actor label is whole');
  const left = Number(/<rect x="([\d.]+)"/.exec(svg)?.[1]);
  assert.ok(left >= ARN.length * 6.6, `ticks start right of the label (${left})`);
});

test('a severity column is coloured by severity', () => {
  const page = documentHtml({
    title: 't',
    summary: [],
    sections: [
      {
        id: 'findings',
        title: 'Findings',
        blocks: [
          {
            type: 'table',
            header: ['title', 'severity'],
            rows: [
              ['a', 'High'],
              ['b', 'Low'],
              ['c', 'odd'],
            ],
            omitted: 0,
          },
        ],
      },
    ],
  });
  assert.ok(page.includes('<td>a</td><td class="sev-high">High</td>'));
  assert.ok(page.includes('<td>b</td><td class="sev-low">Low</td>'));
  assert.ok(page.includes('<td>c</td><td>odd</td>'));
  assert.match(page, /\.sev-high\{background:#c53030/);
});
