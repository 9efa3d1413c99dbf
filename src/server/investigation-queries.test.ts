// The investigation page's panel queries on the synthetic incident: run through the console's own query API,
// each returns the rows the investigation beside it summarised.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { HOST, openConsole, queryRows } from '../../test/helpers/console-client.ts';
import { useIncidentLake } from '../../test/helpers/incident-lake.ts';

const incident = useIncidentLake('tarn-console-investigate-');

const open = () => openConsole(incident.lakeDir, join(incident.root, 'cases'));
const run = queryRows;

test("GET /api/investigate gives each panel's query, and each returns what the panel shows", async () => {
  const app = open();
  const response = await app.request('/api/investigate?principal=Service_Backup', { headers: HOST });
  assert.equal(response.status, 200);
  const { investigation: inv, queries } = await response.json();
  assert.deepEqual(Object.keys(queries).sort(), [
    'changes',
    'findings',
    'operations',
    'plan',
    'resources',
    'source_ips',
    'timeline',
  ]);

  const operations = await run(app, queries.operations);
  assert.deepEqual(
    operations.map(([operation, , calls]) => `${operation} ${calls}`).sort(),
    inv.operations.map((o: { operation: string; count: number }) => `${o.operation} ${o.count}`).sort(),
  );
  const timeline = await run(app, queries.timeline);
  assert.equal(timeline.length, inv.timeline.length);
  assert.deepEqual(
    timeline.map((r) => r[2]),
    inv.timeline.map((t: { operation: string }) => t.operation),
  );
  const created = incident.facts.incident.createdUsers[0]?.userName ?? '';
  const changes = await run(app, queries.changes);
  assert.deepEqual(
    changes.map((r) => r[2]),
    inv.changes.map((t: { operation: string }) => t.operation),
  );
  assert.ok(changes.some((r) => r[2] === 'CreateUser' && String(r[3]).includes(created)));
  const ips = await run(app, queries.source_ips);
  assert.deepEqual(
    ips.map(([ip, calls]) => `${ip} ${calls}`).sort(),
    inv.source_ips.map((s: { value: string; count: number }) => `${s.value} ${s.count}`).sort(),
  );
  // The plan's query returns the events its steps (deferred ones too) and its recovery items cite, no others.
  type Ref = { time: string; operation: string };
  const refs: Ref[] = [
    ...[...inv.containment.steps, ...inv.containment.deferred].flatMap((s: { evidence: Ref[] }) => s.evidence),
    ...inv.recovery.map((r: { proof: Ref }) => r.proof),
  ];
  const cited = new Set(refs.map((e) => `${e.time.replace('T', ' ').replace('Z', '')} ${e.operation}`));
  const plan = await run(app, queries.plan);
  assert.ok(plan.length > 0);
  assert.deepEqual(new Set(plan.map((r) => `${r[0]} ${r[2]}`)), cited);
  assert.ok((await run(app, queries.resources)).length > 0);
  const findings = await run(app, queries.findings);
  assert.equal(findings.length, inv.findings.filter((f: { source: string }) => f.source === 'Security Hub').length);
});

test('an investigation without a principal, or with a window that ends before it starts, is a 400', async () => {
  const app = open();
  const none = await app.request('/api/investigate?principal=%20', { headers: HOST });
  assert.equal(none.status, 400);
  assert.match((await none.json()).error, /principal/);
  const backwards = await app.request('/api/investigate?principal=Service_Backup&from=2024-03-11&to=2024-03-10', {
    headers: HOST,
  });
  assert.equal(backwards.status, 400);
  assert.equal((await backwards.json()).error, 'from must not be after to');
});
