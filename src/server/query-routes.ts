// POST /api/query runs Athena SQL on the read-only query service; POST /api/query/:id/cancel stops it;
// POST /api/export returns the whole result as CSV or JSON; history and saved queries.

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { formatResult, loadLakeCatalog, QueryError } from '../query/index.ts';
import type { ConsoleStore } from './console-store.ts';
import { jsonObject, optionalString, toJson } from './json-values.ts';
import type { RunningQueries } from './running-queries.ts';
import { starterQueries } from './starter-queries.ts';

export interface QueryRouteOptions {
  readonly lakeDir: string;
  readonly queries: RunningQueries;
  readonly store: ConsoleStore;
  /** Rows one answer holds at most; an export may hold more. */
  readonly maxRows: number;
  readonly exportMaxRows: number;
}

export function queryRoutes(options: QueryRouteOptions): Hono {
  const { queries, store } = options;
  const app = new Hono();

  app.post('/query', async (c) => {
    const body = await requestBody(c.req.raw);
    const sql = requiredSql(body);
    const maxRows = Math.min(Number(body.max_rows ?? options.maxRows), options.maxRows);
    if (!Number.isSafeInteger(maxRows) || maxRows < 1) throw badRequest('max_rows must be a positive whole number');
    if (queries.full) return c.json({ error: 'too many queries are running; try again when one ends' }, 429);
    const id = optionalString(body, 'id') ?? crypto.randomUUID();
    const started = performance.now();
    try {
      const result = await queries.run(id, sql, maxRows);
      const elapsed = Math.round(performance.now() - started);
      await store.addHistory({
        sql,
        time: new Date().toISOString(),
        rows: result.rows.length,
        elapsed_ms: elapsed,
        error: null,
      });
      const answer = {
        id,
        columns: result.columns,
        rows: result.rows,
        elapsed_ms: elapsed,
        truncated: result.truncated,
      };
      return c.body(toJson(answer), 200, { 'Content-Type': 'application/json' });
    } catch (error) {
      const elapsed = Math.round(performance.now() - started);
      if (error instanceof QueryError) {
        await store.addHistory({
          sql,
          time: new Date().toISOString(),
          rows: null,
          elapsed_ms: elapsed,
          error: error.message,
        });
      }
      throw error;
    }
  });

  app.post('/query/:id/cancel', (c) => {
    if (!queries.cancel(c.req.param('id'))) return c.json({ error: 'no running query has that id' }, 404);
    return c.json({ cancelled: true });
  });

  app.post('/export', async (c) => {
    const body = await requestBody(c.req.raw);
    const sql = requiredSql(body);
    const format = optionalString(body, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw badRequest('format must be csv or json');
    const result = await queries.run(crypto.randomUUID(), sql, options.exportMaxRows);
    return c.body(formatResult(result, format), 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      'Content-Disposition': `attachment; filename="result.${format}"`,
      'X-Tarn-Truncated': String(result.truncated),
    });
  });

  app.get('/history', async (c) => c.json({ history: await store.history() }));

  app.get('/saved', async (c) => {
    const { rollupRegion } = await loadLakeCatalog(options.lakeDir);
    return c.json({ starter: starterQueries(rollupRegion), saved: await store.saved() });
  });

  app.post('/saved', async (c) => {
    const body = await requestBody(c.req.raw);
    const name = optionalString(body, 'name')?.trim();
    if (!name) throw badRequest('give the query a name');
    return c.json({ saved: await store.save(name, requiredSql(body)) });
  });

  app.delete('/saved/:name', async (c) => c.json({ saved: await store.remove(c.req.param('name')) }));

  return app;
}

export async function requestBody(request: Request): Promise<Record<string, unknown>> {
  const body = await jsonObject(request);
  if (body === null) throw badRequest('the body must be a JSON object');
  return body;
}

function requiredSql(body: Record<string, unknown>): string {
  const sql = optionalString(body, 'sql');
  if (sql === undefined || sql.trim() === '') throw badRequest('give the SQL to run as "sql"');
  return sql;
}

export function badRequest(message: string): HTTPException {
  return new HTTPException(400, { message });
}
