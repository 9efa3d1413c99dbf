// The investigation page's two modes through the API, on the two-account lake: by source address (as
// `tarn investigate --ip`) with the query behind each panel, by principal, and a time window in both.

import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { getJson, HOST, jsonPost, openConsole, queryRows } from '../../test/helpers/console-client.ts';
import { runTarn, tempDir } from '../../test/helpers/lake-fixtures.ts';
import { A, ATTACKER_IP, B, DEPLOY_A, writeTwoAccountLogs } from '../../test/respond/two-account-fixture.ts';

let root: string;
before(async () => {
  root = tempDir('tarn-console-address-');
  const files = await writeTwoAccountLogs(join(root, 'raw'));
  const run = await runTarn(['ingest', '--lake', join(root, 'lake'), ...files]);
  assert.equal(run.code, 0, run.stderr);
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const open = () => openConsole(join(root, 'lake'), join(root, 'cases'));
const run = queryRows;

interface User {
  source: string;
  account_id: string;
  principal: string;
  count: number;
  first: string;
}
interface Flow {
  destination_port: number;
  action: string;
  count: number;
  bytes: number;
}
const users = (found: { users: User[] }) => found.users.map((u) => [u.source, u.account_id, u.principal, u.count]);
const flows = (found: { flows: Flow[] }) => found.flows.map((f) => [f.destination_port, f.action, f.count, f.bytes]);

test('GET /api/investigate?ip= reports who called from the address and its flows, each panel with its query', async () => {
  const app = open();
  const { address: found, markdown, queries } = await getJson(app, `/api/investigate?ip=${ATTACKER_IP}`);
  assert.equal(found.address, ATTACKER_IP);
  assert.deepEqual(users(found), [
    ['CloudTrail', A, DEPLOY_A, 1],
    ['CloudTrail', B, `arn:aws:iam::${B}:user/ops`, 1],
    ['EKS audit', A, `arn:aws:iam::${A}:role/kube-operator`, 1],
  ]);
  assert.deepEqual(flows(found), [
    [443, 'Allowed', 2, 7300],
    [22, 'Denied', 1, 60],
  ]);
  assert.ok(markdown.startsWith(`# Investigation: address ${ATTACKER_IP}\n`));
  assert.deepEqual(Object.keys(queries).sort(), ['flows', 'users']);
  // The panels' queries are the ones the investigation ran: the same groups, times as the grid shows them.
  const userRows = await run(app, queries.users);
  assert.deepEqual(
    userRows.map(([source, principal, account, , calls]) => [source, account, principal, calls]),
    users(found),
  );
  assert.deepEqual(
    userRows.map((r) => r[5]),
    found.users.map((u: User) => u.first.replace('T', ' ').replace('Z', '')),
  );
  const flowRows = await run(app, queries.flows);
  assert.deepEqual(
    flowRows.map(([, , , port, , action, count, bytes]) => [port, action, count, bytes]),
    flows(found),
  );
});

test('the window narrows an address investigation and the queries behind its panels alike', async () => {
  const app = open();
  const ops = `arn:aws:iam::${B}:user/ops`;
  const morning = await getJson(
    app,
    `/api/investigate?ip=${ATTACKER_IP}&from=2024-03-10T11:00:00Z&to=2024-03-10T12:15:00Z`,
  );
  assert.deepEqual(users(morning.address), [['CloudTrail', B, ops, 1]]);
  assert.deepEqual(flows(morning.address), [
    [443, 'Allowed', 2, 7300],
    [22, 'Denied', 1, 60],
  ]);
  assert.deepEqual(
    (await run(app, morning.queries.users)).map((r) => r[1]),
    [ops],
  );
  assert.equal((await run(app, morning.queries.flows)).length, 2);
  const later = await getJson(app, `/api/investigate?ip=${ATTACKER_IP}&from=2024-03-10T12:10:00Z`);
  assert.deepEqual(users(later.address), [['EKS audit', A, `arn:aws:iam::${A}:role/kube-operator`, 1]]);
  assert.deepEqual(flows(later.address), []);
  assert.deepEqual(await run(app, later.queries.flows), []);
  assert.deepEqual(later.address.window, { from: '2024-03-10T12:10:00.000Z', to: null });
});

test("from and to take the CLI's relative times and bare dates (-7d, 2024-03-10); another form is a 400", async () => {
  const app = open();
  const before = Date.now();
  const recent = await getJson(app, `/api/investigate?ip=${ATTACKER_IP}&from=-7d`);
  const after = Date.now();
  const week = 7 * 86_400_000;
  const from = Date.parse(recent.address.window.from);
  assert.ok(from >= before - week && from <= after - week, recent.address.window.from);
  assert.equal(recent.address.window.to, null);
  // The data is from March 2024: nothing in the last week.
  assert.deepEqual([users(recent.address), flows(recent.address)], [[], []]);
  const all = await getJson(app, `/api/investigate?ip=${ATTACKER_IP}`);
  const day = await getJson(app, `/api/investigate?ip=${ATTACKER_IP}&from=2024-03-10&to=2024-03-10`);
  assert.deepEqual(day.address.window, { from: '2024-03-10T00:00:00.000Z', to: '2024-03-10T23:59:59.999Z' });
  assert.deepEqual([users(day.address), flows(day.address)], [users(all.address), flows(all.address)]);
  const bad = await app.request(`/api/investigate?ip=${ATTACKER_IP}&from=yesterday`, { headers: HOST });
  assert.equal(bad.status, 400);
  assert.equal(
    (await bad.json()).error,
    'from takes an ISO-8601 time (2024-03-10T14:00:00Z), a date (2024-03-10, UTC) or a time before now (-7d), not "yesterday"',
  );
});

test('the window narrows a principal investigation and the queries behind its panels alike', async () => {
  const app = open();
  const all = await getJson(app, `/api/investigate?principal=${encodeURIComponent(DEPLOY_A)}`);
  const early = await getJson(
    app,
    `/api/investigate?principal=${encodeURIComponent(DEPLOY_A)}&to=2024-03-10T10:05:30Z`,
  );
  const operations = (inv: { operations: { operation: string; count: number }[] }) =>
    inv.operations.map((o) => `${o.operation} ${o.count}`).sort();
  assert.deepEqual(operations(all.investigation), ['CreateUser 1', 'GetCallerIdentity 1', 'ListBuckets 2']);
  assert.deepEqual(operations(early.investigation), ['CreateUser 1', 'ListBuckets 1']);
  assert.deepEqual(
    (await run(app, early.queries.operations)).map(([operation, , calls]) => `${operation} ${calls}`).sort(),
    operations(early.investigation),
  );
  assert.ok(early.investigation.timeline.every((e: { time: string }) => e.time <= '2024-03-10T10:05:30Z'));
});

test('an address and a principal together are a 400; an address investigation is added to a case', async () => {
  const app = open();
  const both = await app.request(`/api/investigate?ip=${ATTACKER_IP}&principal=deploy`, { headers: HOST });
  assert.equal(both.status, 400);
  assert.equal((await both.json()).error, 'give either ?principal=NAME_OR_ARN or ?ip=ADDRESS');
  const post = jsonPost;
  assert.equal((await app.request('/api/cases', post({ name: 'by-address', analyst: 'alice' }))).status, 201);
  const added = await app.request(
    '/api/cases/by-address/entries',
    post({ investigate_ip: ATTACKER_IP, from: '2024-03-10T12:10:00Z', analyst: 'alice' }),
  );
  assert.equal(added.status, 201);
  const { entry } = await added.json();
  assert.equal(entry.title, `Investigation of the address ${ATTACKER_IP}`);
  // The report as the window had it: the EKS call after 12:10, not the CloudTrail calls before.
  const report = await readFile(join(root, 'cases', 'by-address', entry.files[0].path), 'utf8');
  assert.ok(report.startsWith(`# Investigation: address ${ATTACKER_IP}\n`), report);
  assert.ok(report.includes('kube-operator') && !report.includes('user/ops'), report);
  const log = await getJson(app, '/api/cases/by-address');
  assert.equal(log.verified, true);
  assert.deepEqual(
    log.entries.map((e: { kind: string }) => e.kind),
    ['open', 'note'],
  );
});
