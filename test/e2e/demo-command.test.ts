// `tarn demo` end to end, as a new user runs it: it generates the raw logs, ingests them and walks the
// incident; each of the six questions is printed with an answer that has rows in it.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ATTACKER_DOMAIN } from '../../src/scenario/incident-network.ts';
import { ATTACKER_IPS } from '../../src/scenario/incident-script.ts';
import { buildNetworkTopology } from '../../src/scenario/network-topology.ts';
import { buildOrganization } from '../../src/scenario/organization.ts';
import { REFERENCE_QUERIES } from '../../src/scenario/reference-queries.ts';
import { type CliRun, runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { field, type Json, readFindingEvents } from '../scenario/delivered-files.ts';

let root: string;
let out: string;
let demo: CliRun;

before(async () => {
  root = tempDir('tarn-e2e-demo-');
  out = join(root, 'data');
  demo = await runTarn(['demo', '--lake', join(root, 'lake'), '--out', out, '--events', '2000']);
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** The text printed for question n: from its heading to the next one. */
function section(n: number): string {
  const start = demo.stdout.indexOf(`── Q${n}. `);
  assert.ok(start >= 0, `Q${n} is not printed`);
  const next = demo.stdout.indexOf('── Q', start + 1);
  return demo.stdout.slice(start, next < 0 ? undefined : next);
}

test('tarn demo exits 0', () => {
  assert.equal(demo.code, 0, demo.stderr);
  assert.equal(demo.signal, null);
});

test('each of the six questions is printed with its query and a non-empty answer', () => {
  assert.equal(REFERENCE_QUERIES.length, 6);
  for (const [i, query] of REFERENCE_QUERIES.entries()) {
    const text = section(i + 1);
    assert.ok(text.startsWith(`── Q${i + 1}. ${query.question}\n`), text.slice(0, 200));
    assert.ok(text.includes(query.sql.split('\n')[0] ?? '-'), `Q${i + 1}'s SQL is not shown`);
    const count = /\n\((\d+) rows?(, truncated[^)]*)?\)\n/.exec(text);
    assert.ok(count, `Q${i + 1} prints no row count`);
    assert.ok(Number(count[1]) > 0, `Q${i + 1} has no rows`);
  }
});

test('the answers name what the incident did: admin policy, card files Macie flagged, the chained user', async () => {
  // The Macie findings the demo generated, read from its raw output: their second resource is the object.
  const macie = (await readFindingEvents(out))
    .map((event) => (field(event.value, 'detail.findings') as Json[])[0] as Json)
    .filter((finding) => String(field(finding, 'ProductName')) === 'Macie');
  assert.ok(macie.length > 0);
  for (const finding of macie) {
    const object = String(field((finding.Resources as Json[])[1], 'Id'));
    assert.match(object, /^arn:aws:s3:::.+\/.+/);
    assert.ok(section(5).includes(object), `Q5 does not show ${object}`);
  }
  assert.match(section(3), /AdministratorAccess/);
  assert.match(section(3), /backup-admin/);
  // The demo shows Q4's first 12 rows in no set order (the query has no ORDER BY): S3 object calls by
  // Service_Backup, but not necessarily the incident's.
  assert.match(section(4), /\| Service_Backup +\| (GetObject|PutObject|DeleteObject|ListObjects) /);
  assert.match(section(6), /svc-audit/);
});

test('the last step leaves CloudTrail: the backup server, the attacker domain and the flows, from the network logs', () => {
  const last = Number([...demo.stdout.matchAll(/── Q(\d+)\. /g)].at(-1)?.[1]);
  const text = section(last);
  assert.match(text, /^── Q\d+\. Where else do its source addresses show up/);
  assert.match(text, /_vpc_flow_2_0/);
  assert.match(text, /_route53_2_0/);
  // The demo's seed is 1; the network's ids come from it alone.
  const backup = buildNetworkTopology(1, buildOrganization(1)).backupServer.instance;
  const rows = text.split('\n').filter((line) => line.includes(backup.id));
  assert.ok(rows.length > 0, 'no row names the backup server');
  for (const row of rows) assert.ok(row.includes(ATTACKER_DOMAIN), row);
  for (const ip of ATTACKER_IPS)
    assert.ok(
      rows.some((row) => row.includes(ip)),
      `${ip} is in no flow`,
    );
  assert.ok(rows.some((row) => /\| Denied /.test(row)) && rows.some((row) => /\| Allowed /.test(row)));
  assert.match(text, new RegExp(`\\n\\(${rows.length} rows\\)\\n`));
});
