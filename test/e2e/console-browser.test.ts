// The console in a real browser over the synthetic incident: text typed before the schema arrives, completion,
// the reference queries, cancel, an error's line, downloads, the 100k-row grid, brushing, the schema, detections,
// investigations by principal and by address, and evidence added to a case. One browser, one page, the steps
// in order as a responder would take them.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fillAccount, REFERENCE_QUERIES } from '../../src/scenario/reference-queries.ts';
import { type RunningConsole, startConsole } from '../../src/server/console-server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { useIncidentLake } from '../helpers/incident-lake.ts';

const APP_DIR = join(import.meta.dirname, '..', '..', 'web', 'dist');
const TABLE = 'amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0';
let server: RunningConsole;
let browser: Browser;
let page: Page;
let releaseSchema: () => void = () => {};

const incident = useIncidentLake('tarn-console-e2e-', async () => {
  if (!existsSync(join(APP_DIR, 'index.html'))) throw new Error('web/dist is not built: npm run build:web');
  const cases = join(incident.root, 'cases');
  server = await startConsole(
    { lakeDir: incident.lakeDir, casesDir: cases, token: null, appDir: APP_DIR },
    '127.0.0.1',
    0,
  );
  browser = await launchChromium();
  page = await browser.newPage({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  // An investigation reads the whole incident; on a loaded machine that takes longer than Playwright's 30 s.
  page.setDefaultTimeout(300_000);
  // The schema is held back until the first test has typed: a slow lake must not cost the user their text.
  const held = new Promise<void>((done) => {
    releaseSchema = done;
  });
  await page.route('**/api/tables', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/`);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function api<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status < 300, true, `${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function getApi<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}/api${path}`);
  assert.equal(response.status, 200, path);
  return (await response.json()) as T;
}

// biome-ignore lint/performance/useDomNodeTextContent: the editor's text as laid out
const editorText = () => page.locator('.cm-content').innerText();

async function typeSql(sql: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

async function runAndCount(): Promise<number> {
  const shown = page.locator('[data-testid=row-count]');
  // No row count before the first run: textContent() would wait for one.
  const before = (await shown.count()) === 0 ? null : await shown.textContent();
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((old) => {
    const shown = document.querySelector('[data-testid=row-count]')?.textContent ?? null;
    return (shown !== null && shown !== old) || document.querySelector('[data-testid=query-error]') !== null;
  }, before);
  const text = (await page.locator('[data-testid=row-count]').textContent()) ?? '';
  return Number(/^(\d+) rows/.exec(text)?.[1]);
}

test('what is typed before the schema arrives stays, cursor included, and completion then knows the lake', async () => {
  await page.locator('[data-testid=editor][aria-busy=true]').waitFor();
  await typeSql('SELECT actor.user.na');
  const arrived = page.waitForResponse((response) => response.url().endsWith('/api/tables'));
  releaseSchema();
  await arrived;
  await page.unroute('**/api/tables');
  await page.locator('[data-testid=editor][aria-busy=false]').waitFor();
  assert.equal(await editorText(), 'SELECT actor.user.na');
  // Typing goes on where it stopped: the completion replaces the word under the cursor.
  await page.keyboard.press('Control+Space');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.filter({ hasText: /^actor\.user\.name$/ }).click();
  await page.keyboard.insertText(' FROM amazon_security_lake_table_us_west_2_cloud_tr');
  await page.keyboard.press('Control+Space');
  await options.filter({ hasText: /^amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0$/ }).click();
  assert.equal(await editorText(), `SELECT actor.user.name FROM ${TABLE}`);
});

test('the six reference queries run in the editor and show the rows the API returns', async () => {
  for (const query of REFERENCE_QUERIES) {
    const sql = fillAccount(query.sql, incident.facts.incidentAccountId);
    await typeSql(sql);
    // A distinct row count each time would be luck; the shown text changes because elapsed time is part of it.
    const shown = await runAndCount();
    assert.match((await page.locator('[data-testid=row-count]').textContent()) ?? '', /^\d+ rows in \d+ ms$/);
    const expected = (await api<{ rows: unknown[] }>('/query', { sql })).rows.length;
    assert.ok(expected > 0, query.question);
    assert.equal(shown, expected, query.question);
  }
  // The last one lists the users Service_Backup created; the grid shows them.
  const grid = ((await page.locator('[data-testid=grid]').textContent()) ?? '').toLowerCase();
  assert.ok(grid.includes('createuser'));
});

test('a running query is cancelled from its Cancel button', async () => {
  await typeSql(
    'SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c WHERE a.range + b.range = c.range',
  );
  await page.keyboard.press('Control+Enter');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('[data-testid=query-error]', { hasText: /cancelled/i }).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached' });
});

test('an error shows its message, and the cursor is put on its line', async () => {
  await typeSql(`SELECT api.operation\nFROM ${TABLE}\nWHERE api.operation = 'CreateUser`);
  await page.keyboard.press('Control+Enter');
  const error = page.locator('[data-testid=query-error]', { hasText: /^line 3:/ });
  await error.waitFor();
  // biome-ignore lint/performance/useDomNodeTextContent: the line as laid out
  assert.equal(await page.locator('.cm-activeLine').innerText(), "WHERE api.operation = 'CreateUser");
  // The error is underlined on that line, from where it starts.
  assert.equal(await page.locator('.cm-activeLine .cm-lintRange-error').textContent(), "'CreateUser");
  // The cursor is in the editor: typing there mends the query, which then runs.
  await page.keyboard.press('End');
  await page.keyboard.insertText("'");
  assert.ok((await runAndCount()) > 0);
  assert.equal(await page.locator('[data-testid=query-error]').count(), 0);
});

test('Download CSV and Download JSON save the whole result as the query service formats it', async () => {
  const sql =
    'SELECT api.operation, count(*) AS calls FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 GROUP BY 1 ORDER BY 2 DESC, 1';
  await typeSql(sql);
  await runAndCount();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const saved = await readFile((await download.path()) ?? '', 'utf8');
  const lines = saved.trimEnd().split('\r\n');
  assert.equal(lines[0], 'operation,calls');
  const result = await api<{ rows: [string, number][] }>('/query', { sql });
  assert.deepEqual(
    lines.slice(1),
    result.rows.map(([op, n]) => `${op},${n}`),
  );
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  assert.equal(json.suggestedFilename(), 'result.json');
  const exported = JSON.parse(await readFile((await json.path()) ?? '', 'utf8'));
  assert.deepEqual(exported.columns, ['operation', 'calls']);
  assert.deepEqual(exported.rows, result.rows);
});

test("the schema page shows each source's rows, time range, accounts and regions, and a table's Glue columns", async () => {
  await page.getByRole('button', { name: 'Schema', exact: true }).click();
  const { sources } = await getApi<{ sources: { source: string; rows: number; firstEvent: string | null }[] }>(
    '/sources',
  );
  const shown = page.locator('[data-testid=sources] tbody tr');
  await shown.first().waitFor();
  assert.equal(await shown.count(), sources.length);
  const trail = sources.find((s) => s.source === 'cloud_trail_mgmt');
  assert.ok(trail && trail.rows > 0 && trail.firstEvent);
  const row = (await shown.filter({ hasText: /^cloud_trail_mgmt/ }).textContent()) ?? '';
  assert.ok(row.includes(String(trail.rows)) && row.includes(trail.firstEvent), row);
  await page.getByRole('button', { name: new RegExp(`^${TABLE} \\(\\d+ files\\)$`) }).click();
  const timeDt = page.locator('[data-testid=columns] tbody tr', { hasText: /^time_dt/ });
  assert.equal(await timeDt.locator('td').nth(1).textContent(), 'timestamp');
});

test('the detections page lists the hits of the rules, those of the incident among them', async () => {
  await page.getByRole('button', { name: 'Detections', exact: true }).click();
  const { hits } = await getApi<{ hits: { rule: string }[] }>('/detections');
  await page.getByText(`Detections (${hits.length} hits)`).waitFor();
  assert.equal(await page.locator('[data-testid=hits] tbody tr').count(), hits.length);
  assert.ok((await page.locator('[data-testid=hits]').textContent())?.includes('iam-user-creates-user'));
  await page.getByRole('button', { name: 'Query', exact: true }).click();
});

test('a result is added to a case with one click, and the case log shows it verified', async () => {
  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  await page.getByLabel('new case name').fill('ir-browser');
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('button', { name: 'ir-browser' }).waitFor();
  await page.getByRole('button', { name: 'Query', exact: true }).click();
  const sql = fillAccount(REFERENCE_QUERIES[0]?.sql ?? '', incident.facts.incidentAccountId);
  await typeSql(sql);
  await runAndCount();
  await page.getByLabel('case').selectOption('ir-browser');
  await page.getByRole('button', { name: 'Add as evidence' }).click();
  await page.getByText('added as entry 2 of case ir-browser').waitFor();
  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  await page.getByRole('button', { name: 'ir-browser' }).click();
  await page.getByText(/ir-browser: verified, head [0-9a-f]{64}/).waitFor();
  // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out, cells apart
  const log = await page.locator('[data-testid=case-log]').innerText();
  assert.match(log, /\bquery\b/);
  assert.ok(log.includes('SELECT DISTINCT api.operation'));
});

test('brushing the timeline narrows the query to the time range dragged across', async () => {
  await page.getByRole('button', { name: 'Query', exact: true }).click();
  const sql = `SELECT time_dt, api.operation FROM ${TABLE}`;
  await typeSql(sql);
  await runAndCount();
  const all = (await api<{ rows: [string, string][] }>('/query', { sql })).rows;
  const box = await page.locator('[data-testid=histogram]').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.locator('.cm-content', { hasText: 'BETWEEN' }).waitFor();
  const edited = await editorText();
  const [, from = '', to = ''] =
    /^SELECT time_dt, api\.operation FROM \S+\nWHERE time_dt BETWEEN TIMESTAMP '([\d :.-]+)' AND TIMESTAMP '([\d :.-]+)'$/.exec(
      edited,
    ) ?? [];
  assert.ok(from < to, edited);
  const inRange = all.filter(([time]) => time >= from && time <= to).length;
  assert.ok(inRange > 0 && inRange < all.length, `${inRange} of ${all.length}`);
  // The drag left the focus on the chart; Ctrl-Enter runs from the editor.
  await page.locator('.cm-content').click();
  assert.equal(await runAndCount(), inRange);
});

test('a result of 100k rows is a virtualized grid: few rows in the page, sortable, the last one reached by scrolling, a cell copied, a nested value expanded', async () => {
  await typeSql('SELECT range AS n, range * 2 AS twice FROM range(100000)');
  assert.equal(await runAndCount(), 100_000);
  const rows = page.locator('[data-testid=result-row]');
  assert.ok((await rows.count()) < 200);
  await page.locator('[data-testid=grid]').evaluate((grid) => {
    grid.scrollTop = grid.scrollHeight;
  });
  await rows.filter({ hasText: '199998' }).waitFor();
  await page.getByRole('button', { name: 'n', exact: true }).click();
  await page.getByRole('button', { name: 'n ▲', exact: true }).click();
  await page.locator('[data-testid=grid]').evaluate((grid) => {
    grid.scrollTop = 0;
  });
  await rows.first().filter({ hasText: '199998' }).waitFor();
  assert.deepEqual(await rows.first().getByRole('button').allTextContents(), ['99999', '199998']);
  await rows.first().getByRole('button', { name: '199998' }).click();
  await page.getByText('twice row 1').waitFor();
  assert.equal(await page.locator('.detail').textContent(), '199998');
  await page.getByRole('button', { name: 'Copy cell' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '199998');
  // A nested value is shown whole, expanded.
  const sql = `SELECT actor.user FROM ${TABLE} ORDER BY time, metadata.uid LIMIT 1`;
  await typeSql(sql);
  assert.equal(await runAndCount(), 1);
  await rows.first().getByRole('button').click();
  const detail = (await page.locator('.detail').textContent()) ?? '';
  assert.ok(detail.includes('\n  "'), detail);
  assert.deepEqual(JSON.parse(detail), (await api<{ rows: unknown[][] }>('/query', { sql })).rows[0]?.[0]);
});

test('the investigation page for Service_Backup shows the users it created, each panel opening its query', async () => {
  await page.getByRole('button', { name: 'Investigate', exact: true }).click();
  await page.getByLabel('principal', { exact: true }).fill('Service_Backup');
  await page.getByRole('button', { name: 'Investigate', exact: true }).nth(1).click();
  await page.locator('[data-testid=summary]').waitFor();
  const created = (await page.locator('[data-testid=panel-created]').textContent()) ?? '';
  for (const user of incident.facts.incident.createdUsers) assert.ok(created.includes(user.userName), user.userName);
  assert.match((await page.locator('[data-testid=summary]').textContent()) ?? '', /user\/Service_Backup/);
  for (const panel of ['operations', 'source_ips', 'resources', 'findings', 'containment', 'timeline'])
    assert.ok((await page.locator(`[data-testid=panel-${panel}] tbody tr`).count()) > 0, panel);
  assert.ok((await page.locator('[data-testid=histogram] rect').count()) > 0);
  await page.getByLabel('case').selectOption('ir-browser');
  await page.getByRole('button', { name: 'Add as evidence' }).click();
  await page.getByText('added to case ir-browser').waitFor();
  // "What it created" opens the changes query in the editor; run, it lists the CreateUser calls.
  await page
    .locator('.panel', { has: page.locator('[data-testid=panel-created]') })
    .getByRole('button')
    .click();
  const sql = await editorText();
  assert.match(sql, /^SELECT time_dt, actor, operation, request_data FROM \(/);
  const changes = (await api<{ rows: string[][] }>('/query', { sql })).rows;
  await page.locator('.cm-content').click();
  assert.equal(await runAndCount(), changes.length);
  for (const user of incident.facts.incident.createdUsers) {
    assert.ok(
      changes.some((r) => r[2] === 'CreateUser' && r[3]?.includes(user.userName)),
      user.userName,
    );
  }
});

test('an address and a window: who called from it and its flows, a panel opening its query, a principal its own page', async () => {
  const address = incident.facts.incident.attackerIps[0] ?? '';
  // From the incident's first day (UTC): the probes of the evening before fall outside.
  const start = incident.facts.incident.timeRange.start.slice(0, 10);
  const { end } = incident.facts.incident.timeRange;
  await page.getByRole('button', { name: 'Investigate', exact: true }).click();
  await page.getByLabel('investigate by').selectOption('address');
  await page.getByLabel('address', { exact: true }).fill(address);
  await page.getByLabel('from', { exact: true }).fill(start);
  await page.getByLabel('to', { exact: true }).fill(end);
  await page.getByRole('button', { name: 'Investigate', exact: true }).nth(1).click();
  const summary = page.locator('[data-testid=summary]', { hasText: address });
  await summary.waitFor();
  const window = new URLSearchParams({ ip: address, from: start, to: end });
  const found = (
    await getApi<{ address: { users: { principal: string }[]; flows: unknown[] } }>(`/investigate?${window}`)
  ).address;
  const all = (await getApi<{ address: { flows: unknown[] } }>(`/investigate?ip=${address}`)).address;
  assert.ok(
    found.flows.length > 0 && found.flows.length < all.flows.length,
    `${found.flows.length} of ${all.flows.length} flow groups`,
  );
  assert.match(
    (await summary.textContent()) ?? '',
    new RegExp(`${found.users.length} principals, ${found.flows.length} flow groups`),
  );
  const victim = incident.facts.incident.compromisedUser.arn;
  assert.ok(found.users.some((u) => u.principal === victim));
  const users = page.locator('[data-testid=panel-users] tbody tr');
  assert.equal(await users.count(), found.users.length);
  assert.equal(await page.locator('[data-testid=panel-flows] tbody tr').count(), found.flows.length);

  // The flows panel opens the query it came from; run, it shows as many groups.
  await page
    .locator('.panel', { has: page.locator('[data-testid=panel-flows]') })
    .getByRole('button', { name: 'query' })
    .click();
  assert.match(await editorText(), /FROM "?amazon_security_lake_table_us_west_2_vpc_flow_2_0/);
  await page.locator('.cm-content').click();
  assert.equal(await runAndCount(), found.flows.length);

  // A principal that used the address opens its own investigation, in the same window.
  await page.getByRole('button', { name: 'Investigate', exact: true }).click();
  await summary.waitFor();
  await users.filter({ hasText: victim }).getByRole('button', { name: 'investigate' }).click();
  await page.locator('[data-testid=summary]', { hasText: victim }).waitFor();
  assert.equal(await page.getByLabel('principal', { exact: true }).inputValue(), victim);
  assert.ok((await page.locator('[data-testid=panel-operations] tbody tr').count()) > 0);
});
