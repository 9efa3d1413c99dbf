// The console's API in process (Hono's app.request) as the server tests call it: a loopback Host, JSON bodies,
// and answers checked to have come back with 200 before they are read.

import assert from 'node:assert/strict';
import { consoleApp } from '../../src/server/console-app.ts';

export const HOST = { Host: '127.0.0.1:8080' };
export type ConsoleApp = ReturnType<typeof consoleApp>;
export type Row = (string | number | null | string[])[];

/** The console over a lake, without a token or the web app, its errors kept out of the test's output. */
export function openConsole(lakeDir: string, casesDir: string): ConsoleApp {
  return consoleApp({ lakeDir, casesDir, token: null, appDir: null, logError: () => {} });
}

export function jsonPost(body: unknown): RequestInit {
  return { method: 'POST', headers: { ...HOST, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

// biome-ignore lint/suspicious/noExplicitAny: each test reads the answer's shape it asserts on
export async function getJson(app: ConsoleApp, path: string): Promise<any> {
  const response = await app.request(path, { headers: HOST });
  const body = await response.json();
  assert.equal(response.status, 200, `${path}: ${body.error}`);
  return body;
}

/** A query's rows through POST /api/query. */
export async function queryRows(app: ConsoleApp, sql: string): Promise<Row[]> {
  const response = await app.request('/api/query', jsonPost({ sql }));
  const body = await response.json();
  assert.equal(response.status, 200, `${body.error}\n${sql}`);
  return body.rows;
}
