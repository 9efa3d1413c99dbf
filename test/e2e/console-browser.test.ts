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

async function typeSql(sql: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

async function runAndCount(): Promise<number> {
  const before = await page
    .locator('[data-testid=row-count]')
    .textContent()
    .catch(() => null);
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
