// What the console's Schema, Detections and Query pages read, on the synthetic incident: the source inventory
// (rows, time range, accounts, regions) as queries over the tables find it, the detections' hits for the
// incident, and a starter pack whose every query runs.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { type ConsoleApp, getJson, jsonPost, openConsole, queryRows } from '../../test/helpers/console-client.ts';
import { useIncidentLake } from '../../test/helpers/incident-lake.ts';

const incident = useIncidentLake('tarn-console-pages-');

const open = () => openConsole(incident.lakeDir, join(incident.root, 'cases'));
const get = getJson;
const rows = queryRows;
const query = (app: ConsoleApp, sql: string) => app.request('/api/query', jsonPost({ sql }));

test('GET /api/sources gives each source its rows, time range, accounts and regions, as its table holds them', async () => {
  const app = open();
  const { sources } = await get(app, '/api/sources');
  const withRows = sources.filter((s: { rows: number }) => s.rows > 0);
  assert.ok(withRows.some((s: { source: string }) => s.source === 'cloud_trail_mgmt'));
  assert.ok(withRows.some((s: { source: string }) => s.source === 'vpc_flow'));
  for (const source of withRows) {
    const [count, first, last] =
      (await rows(app, `SELECT count(*), min(time_dt), max(time_dt) FROM ${source.table}`))[0] ?? [];
    assert.equal(source.rows, count, source.source);
    assert.equal(source.firstEvent, first, source.source);
    assert.equal(source.lastEvent, last, source.source);
    const accounts = await rows(app, `SELECT DISTINCT accountid FROM ${source.table} ORDER BY 1`);
    assert.deepEqual(source.accounts, accounts.flat(), source.source);
    const regions = await rows(app, `SELECT DISTINCT region FROM ${source.table} ORDER BY 1`);
    assert.deepEqual(source.regions, regions.flat(), source.source);
  }
});

test('GET /api/detections lists the hits newest first, each user the incident created among them', async () => {
  const { hits, errors } = await get(open(), '/api/detections');
  assert.deepEqual(errors, []);
  const times = hits.map((h: { time: string }) => h.time);
  assert.deepEqual(times, [...times].sort().reverse());
  const created = hits.filter((h: { rule: string }) => h.rule === 'iam-user-creates-user');
  // Each user the incident created is named by a hit on whoever created it (Service_Backup, then backup-admin).
  for (const user of incident.facts.incident.createdUsers) {
    assert.ok(
      created.some(
        (h: { principalName: string; resources: string[] }) =>
          h.principalName === user.createdBy && h.resources.includes(user.userName),
      ),
      `${user.createdBy} created ${user.userName}`,
    );
  }
});

test('every query of the starter pack runs on the lake', async () => {
  const app = open();
  const { starter } = await get(app, '/api/saved');
  assert.equal(starter.length, 6 + 7);
  for (const { name, sql } of starter) {
    const response = await query(app, sql);
    assert.equal(response.status, 200, `${name}: ${(await response.json()).error}`);
  }
});
