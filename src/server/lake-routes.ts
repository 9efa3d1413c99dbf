// What the lake holds and what it says: tables with their Glue columns and OCSF paths, the source inventory,
// an investigation (of a principal or an address), and the detections' hits, each read through the layers' public APIs.

import { Hono } from 'hono';
import { runDetections } from '../detect/detection-runner.ts';
import { isNativeSource } from '../mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../mapping/table-schemas.ts';
import { loadLakeCatalog, openQueryEngine, type QueryEngine } from '../query/index.ts';
import { loadSourceInventory } from '../query/source-inventory.ts';
import { addressQueries, type TimeWindow } from '../respond/investigation/index.ts';
import {
  addressMarkdown,
  investigate,
  investigateAddress,
  investigationMarkdown,
  snakeCaseKeys,
} from '../respond/report/index.ts';
import { TarnError } from '../tarn-error.ts';
import { timeWindow } from '../time/window-time.ts';
import { columnPaths } from './column-paths.ts';
import { investigationQueries } from './investigation-queries.ts';
import { badRequest } from './query-routes.ts';

export function lakeRoutes(lakeDir: string): Hono {
  const app = new Hono();

  app.get('/tables', async (c) => {
    const catalog = await loadLakeCatalog(lakeDir);
    const custom = catalog.tables.filter((t) => !isNativeSource(t.source));
    const customColumns = custom.length === 0 ? new Map() : await withEngine(lakeDir, (e) => describeAll(e, custom));
    const tables = catalog.tables.map((table) => {
      const columns = isNativeSource(table.source)
        ? TABLE_SCHEMAS[table.source].map(({ name, type }) => ({ name, type }))
        : (customColumns.get(table.name) ?? []);
      return {
        name: table.name,
        database: table.database,
        source: table.source,
        region: table.region,
        files: table.files.length,
        columns,
        paths: columns.flatMap((column: { name: string; type: string }) => columnPaths(column.name, column.type)),
      };
    });
    const databases = [...new Set(tables.map((t) => t.database))];
    return c.json({ rollup_region: catalog.rollupRegion, databases, tables });
  });

  app.get('/sources', async (c) => c.json(await loadSourceInventory(lakeDir)));

  // By principal (`?principal=`) or by source address (`?ip=`), as `tarn investigate --principal` or `--ip`.
  app.get('/investigate', async (c) => {
    const principal = c.req.query('principal')?.trim();
    const address = c.req.query('ip')?.trim();
    if (!principal === !address) throw badRequest('give either ?principal=NAME_OR_ARN or ?ip=ADDRESS');
    const window = queryWindow(c.req.query('from'), c.req.query('to'));
    const now = new Date();
    if (address) {
      const found = await withEngine(lakeDir, (engine) => investigateAddress(engine, { address, window, now }));
      return c.json({
        address: snakeCaseKeys(found),
        markdown: addressMarkdown(found),
        queries: addressQueries(found.lake.rollupRegion, window, address),
      });
    }
    const { investigation } = await withEngine(lakeDir, (engine) =>
      investigate(engine, { principal: principal ?? '', window, now }),
    );
    return c.json({
      investigation: snakeCaseKeys(investigation),
      markdown: investigationMarkdown(investigation),
      queries: snakeCaseKeys(investigationQueries(investigation)),
    });
  });

  app.get('/detections', async (c) => {
    const window = queryWindow(c.req.query('from'), c.req.query('to'));
    const results = await withEngine(lakeDir, (engine) => runDetections(engine, window));
    const hits = results.flatMap((r) => ('hits' in r ? r.hits : [])).sort((a, b) => b.time.localeCompare(a.time));
    const errors = results.flatMap((r) => ('error' in r ? [{ rule: r.rule.id, error: r.error }] : []));
    return c.json({ hits, errors });
  });

  return app;
}

/** `from` and `to` as the CLI's --from and --to read them: ISO-8601, a bare date (UTC) or a time before now (-7d). */
export function queryWindow(from: string | undefined, to: string | undefined, now = new Date()): TimeWindow {
  try {
    return timeWindow({ from: from || undefined, to: to || undefined }, now, { from: 'from', to: 'to', last: 'last' });
  } catch (error) {
    if (error instanceof TarnError) throw badRequest(error.message);
    throw error;
  }
}

export async function withEngine<T>(lakeDir: string, work: (engine: QueryEngine) => Promise<T>): Promise<T> {
  const engine = await openQueryEngine({ lakeDir });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

async function describeAll(engine: QueryEngine, tables: readonly { name: string }[]) {
  const columns = new Map<string, { name: string; type: string }[]>();
  for (const table of tables) {
    const result = await engine.run(`DESCRIBE ${table.name}`);
    columns.set(
      table.name,
      result.rows.map((row) => ({ name: String(row[0]), type: String(row[1]) })),
    );
  }
  return columns;
}
