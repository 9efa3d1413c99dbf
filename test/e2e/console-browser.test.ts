// The console in a real browser over the synthetic incident: the reference queries typed into the editor,
// completion, a CSV download and a result added to a case. One browser, one page, the steps in order as a responder would take them.

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

const incident = useIncidentLake('tarn-console-e2e-', async () => {
  if (!existsSync(join(APP_DIR, 'index.html'))) throw new Error('web/dist is not built: npm run build:web');
  const cases = join(incident.root, 'cases');
  server = await startConsole(
    { lakeDir: incident.lakeDir, casesDir: cases, token: null, appDir: APP_DIR },
    '127.0.0.1',
    0,
  );
  browser = await launchChromium();
  page = await browser.newPage({ acceptDownloads: true });
  // An investigation reads the whole incident; on a loaded machine that takes longer than Playwright's 30 s.
  page.setDefaultTimeout(300_000);
  // The editor is rebuilt when the schema arrives: what was typed before that is lost.
  const schema = page.waitForResponse((response) => response.url().endsWith('/api/tables'));
  await page.goto(`${server.url}/`);
  await schema;
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

async function typeSql(sql: string): Promise<void> {
  const words = (text: string) => text.split(/\s+/).join(' ').trim();
  // Typed again if the editor was rebuilt under the keyboard (the schema arriving late on a loaded machine).
  for (let attempt = 1; ; attempt++) {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(sql);
    // biome-ignore lint/performance/useDomNodeTextContent: the editor's text as laid out
    const typed = await page.locator('.cm-content').innerText();
    if (words(typed) === words(sql) || attempt === 3) return;
  }
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

test('the six reference queries run in the editor and show the rows the API returns', async () => {
  for (const query of REFERENCE_QUERIES) {
    const sql = fillAccount(query.sql, incident.facts.incidentAccountId);
    await typeSql(sql);
    // A distinct row count each time would be luck; the shown text changes because elapsed time is part of it.
    const shown = await runAndCount();
    const expected = (await api<{ rows: unknown[] }>('/query', { sql })).rows.length;
    assert.ok(expected > 0, query.question);
    assert.equal(shown, expected, query.question);
  }
  // The last one lists the users Service_Backup created; the grid shows them.
  const grid = ((await page.locator('[data-testid=grid]').textContent()) ?? '').toLowerCase();
  assert.ok(grid.includes('createuser'));
});

test('completion offers OCSF column paths and table names from the lake', async () => {
  await typeSql('SELECT actor.user.na');
  await page.keyboard.press('Control+Space');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.filter({ hasText: /^actor\.user\.name$/ }).click();
  await page.keyboard.insertText(' FROM amazon_security_lake_table_us_west_2_cloud_tr');
  await page.keyboard.press('Control+Space');
  await options.filter({ hasText: /^amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0$/ }).click();
  assert.equal(
    // biome-ignore lint/performance/useDomNodeTextContent: the editor's text as laid out
    await page.locator('.cm-content').innerText(),
    'SELECT actor.user.name FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0',
  );
});

test('Download CSV saves the whole result as the query service formats it', async () => {
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
  // biome-ignore lint/performance/useDomNodeTextContent: the editor's text as laid out
  const edited = await page.locator('.cm-content').innerText();
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

test('a result of 100k rows is a virtualized grid: few rows in the page, sortable, the last one reached by scrolling', async () => {
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
});

test('the investigation page for Service_Backup shows the users it created, each panel opening its query', async () => {
  await page.getByRole('button', { name: 'Investigate', exact: true }).click();
  await page.getByLabel('principal').fill('Service_Backup');
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
  // biome-ignore lint/performance/useDomNodeTextContent: the editor's text as laid out
  const sql = await page.locator('.cm-content').innerText();
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
