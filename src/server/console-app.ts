// The console's HTTP surface on one port: the JSON API under /api (guarded), and the built web app.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { QueryError } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import { originGuard, sizeGuard, tokenGuard } from './api-guard.ts';
import { caseRoutes } from './case-routes.ts';
import { ConsoleStore } from './console-store.ts';
import { lakeRoutes } from './lake-routes.ts';
import { queryRoutes } from './query-routes.ts';
import { RunningQueries } from './running-queries.ts';

export interface ConsoleOptions {
  readonly lakeDir: string;
  readonly casesDir: string;
  /** Every API call must carry it when set. */
  readonly token: string | null;
  /** The built web app (web/dist); null serves the API alone. */
  readonly appDir: string | null;
  readonly maxBodyBytes?: number;
  readonly maxRows?: number;
  readonly timeoutMs?: number;
  readonly logError?: (error: unknown) => void;
}

const QUERY_STATUS: Record<QueryError['kind'], 400 | 408 | 409> = {
  syntax: 400,
  refused: 400,
  execution: 400,
  timeout: 408,
  cancelled: 409,
};

export function consoleApp(options: ConsoleOptions): Hono {
  const lakeDir = resolve(options.lakeDir);
  const maxRows = options.maxRows ?? 100_000;
  const queries = new RunningQueries(lakeDir, { timeoutMs: options.timeoutMs ?? 60_000, concurrent: 4 });
  const store = new ConsoleStore(lakeDir);

  const api = new Hono();
  api.use(originGuard(options.token !== null), tokenGuard(options.token), sizeGuard(options.maxBodyBytes ?? 1 << 20));
  api.route('/', queryRoutes({ lakeDir, queries, store, maxRows, exportMaxRows: maxRows * 10 }));
  api.route('/', lakeRoutes(lakeDir));
  api.route('/', caseRoutes({ lakeDir, casesDir: resolve(options.casesDir), maxRows }));
  api.all('*', (c) => c.json({ error: `no API route ${c.req.method} ${c.req.path}` }, 404));

  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    // CodeMirror writes its styles into <style> elements, hence 'unsafe-inline' for styles alone.
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:",
    );
  });
  app.route('/api', api);
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    if (error instanceof QueryError) {
      return c.json({ error: error.message, kind: error.kind, position: error.position }, QUERY_STATUS[error.kind]);
    }
    if (error instanceof TarnError) return c.json({ error: error.message }, 400);
    (options.logError ?? console.error)(error);
    return c.json({ error: 'internal error; the server log has the details' }, 500);
  });
  const appDir = options.appDir === null ? null : resolve(options.appDir);
  if (appDir !== null && existsSync(join(appDir, 'index.html'))) {
    app.use('*', serveStatic({ root: appDir }));
    // The app routes in the browser: any other page is the app itself.
    app.get('*', serveStatic({ root: appDir, path: 'index.html' }));
  } else {
    app.get('/', (c) => c.text('The web app is not built: run npm run build:web', 503));
  }
  return app;
}
