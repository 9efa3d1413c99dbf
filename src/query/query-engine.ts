// The lake's SQL endpoint: an in-memory DuckDB holding the catalog's views and Tarn's macros, then locked
// down so that a query can read the committed Parquet files and nothing else, and change nothing but the
// lake's saved views.

import { resolve, sep } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api';
import { readAttachments } from '../lake/attachments.ts';
import { TARN_DIR } from '../lake/ledger.ts';
import { S3ObjectCache } from '../lake/s3-object-cache.ts';
import { type AthenaStatement, parseAthenaStatement } from './athena-dialect.ts';
import { withFilesOnDisk } from './attached-tables.ts';
import { describe, lakeTableColumns, missingTable, showColumns, showTables, showViews } from './catalog-answers.ts';
import { catalogStatements, quoteName, quoteString } from './catalog-views.ts';
import { type LakeCatalog, loadLakeCatalog } from './lake-catalog.ts';
import { isLakeWide, lakeWideTableName } from './lake-wide-tables.ts';
import { type KnownNames, knownNames, withNameHint } from './name-hints.ts';
import { duckdbMessage, positionAt, QueryError } from './query-error.ts';
import { prepareReadOnly } from './read-only-guard.ts';
import { type QueryValue, toQueryValue } from './result-values.ts';
import { planQuery, type QueryPlan } from './scan-plan.ts';
import { SQL_MACROS } from './sql-macros.ts';
import { TableViews } from './table-views.ts';
import { trinoTypeName } from './type-names.ts';
import { ViewStore } from './view-store.ts';

export interface QueryEngineOptions {
  readonly lakeDir: string;
  /** Per query; 60 s when not given. */
  readonly timeoutMs?: number;
  /** DuckDB's `memory_limit`, such as `4GB`. */
  readonly memoryLimit?: string;
  /**
   * Tarn's own state kept as Parquet under the lake's `_tarn/` (the detection baselines): view name → file.
   * Queries may read them beside the lake's tables, and nothing else under `_tarn/`.
   */
  readonly stateTables?: Readonly<Record<string, string>>;
}

export interface RunOptions {
  /** Rows to return at most; the rest are not read, and `truncated` says there were more. */
  readonly maxRows?: number;
  /** Refuses CREATE VIEW and DROP VIEW, the statements that write into the lake (what a case records must be a read). */
  readonly readsOnly?: boolean;
}

export interface QueryColumn {
  readonly name: string;
  /** Trino's type name: `varchar`, `timestamp(3)`, `row(name varchar)`, … */
  readonly type: string;
}

export interface QueryResult {
  /** In select-list order; a name given twice appears twice. */
  readonly columns: readonly QueryColumn[];
  readonly rows: readonly (readonly QueryValue[])[];
  readonly truncated: boolean;
  /** What the reader should know about the answer, such as a table that holds only some of the lake's regions. */
  readonly notes?: readonly string[];
}

export type { QueryPlan } from './scan-plan.ts';

export interface QueryEngine {
  readonly catalog: LakeCatalog;
  run(sql: string, options?: RunOptions): Promise<QueryResult>;
  /** The DuckDB SQL an Athena query runs as. */
  explain(sql: string): Promise<string>;
  /** The DuckDB SQL an Athena query runs as, and the lake files it will read. */
  plan(sql: string): Promise<QueryPlan>;
  /** Runs the query under DuckDB's profiler and returns its report (EXPLAIN ANALYZE), files read included. */
  profile(sql: string): Promise<string>;
  /** Stops the running query and every query waiting behind it; each rejects with a `cancelled` QueryError. */
  cancel(): void;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Athena's own limit on a query string (262,144 bytes); a query within it parses and plans in moments. */
export const MAX_QUERY_BYTES = 262_144;

export async function openQueryEngine(options: QueryEngineOptions): Promise<QueryEngine> {
  const catalog = await loadLakeCatalog(options.lakeDir);
  const state = stateTables(catalog.lakeDir, options.stateTables ?? {});
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(options.memoryLimit === undefined ? {} : { memory_limit: options.memoryLimit }),
  });
  const connection = await instance.connect();
  const cache = S3ObjectCache.open(await readAttachments(options.lakeDir));
  const onDisk = cache === null ? catalog : withFilesOnDisk(catalog, (path) => cache.isRemote(path));
  for (const statement of [
    ...SQL_MACROS,
    ...catalogStatements(onDisk),
    ...state.statements,
    ...lockdownStatements(catalog, state.files),
  ]) {
    await connection.run(statement);
  }
  // Table views and saved views are bound only now, under the lockdown, so that neither can read what a query cannot.
  const tableViews = new TableViews(onDisk, connection);
  const views = await ViewStore.open(catalog, connection, tableViews);
  return new LockedEngine(catalog, connection, tableViews, views, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, cache);
}

/** Only the ledger's files are allowed, not the lake folder: a file the ledger does not list stays unreadable. */
function lockdownStatements(catalog: LakeCatalog, stateFiles: readonly string[]): string[] {
  const allowed = [...catalog.files, ...stateFiles];
  return [
    "SET TimeZone = 'UTC'",
    ...(allowed.length === 0 ? [] : [`SET allowed_paths = [${allowed.map(quoteString).join(', ')}]`]),
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
}

/** A state table's file must be Tarn's own, under `_tarn/`: anything else would widen what a query reads. */
function stateTables(lakeDir: string, tables: Readonly<Record<string, string>>) {
  const own = resolve(lakeDir, TARN_DIR);
  const entries = Object.entries(tables).map(([name, file]) => {
    const path = resolve(file);
    if (!/^[a-z][a-z0-9_]{0,99}$/.test(name) || !path.startsWith(`${own}${sep}`) || !path.endsWith('.parquet')) {
      throw new Error(`state table ${name} must be a Parquet file under ${own}, not ${file}`);
    }
    return { name, path };
  });
  return {
    statements: entries.map(
      (t) => `CREATE VIEW main.${quoteName(t.name)} AS SELECT * FROM read_parquet(${quoteString(t.path)})`,
    ),
    files: entries.map((t) => t.path),
  };
}

class LockedEngine implements QueryEngine {
  /** Queries take turns on the one connection, so an interrupt can only ever stop the query meant. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by cancel(): a query started under an older generation has been cancelled. */
  private generation = 0;

  constructor(
    readonly catalog: LakeCatalog,
    private readonly connection: DuckDBConnection,
    private readonly tableViews: TableViews,
    private readonly views: ViewStore,
    private readonly timeoutMs: number,
    private readonly cache: S3ObjectCache | null = null,
  ) {}

  async explain(sql: string): Promise<string> {
    return (await this.plan(sql)).sql;
  }

  async plan(sql: string): Promise<QueryPlan> {
    const statement = this.parse(sql);
    if (statement.kind !== 'query') return { sql: '', files: [] };
    return planQuery(statement.sql, statement.scans, this.catalog);
  }

  profile(sql: string): Promise<string> {
    return this.enqueue(async () => {
      const statement = this.parse(sql);
      if (statement.kind !== 'query') return '';
      const { sql: planned, files } = planQuery(statement.sql, statement.scans, this.catalog);
      await this.fetchAttached(files);
      await this.tableViews.ensure(statement.scans.map((scan) => scan.table));
      await prepareReadOnly(this.connection, planned);
      const reader = await this.connection.runAndReadAll(`EXPLAIN ANALYZE ${planned}`);
      return reader
        .getRows()
        .map((row) => String(row[1]))
        .join('\n');
    });
  }

  run(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    return this.enqueue(() => this.runNow(sql, options));
  }

  cancel(): void {
    this.generation++;
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.connection.closeSync();
    this.cache?.close();
  }

  /** An attached S3 bucket's files the query reads are fetched; the views then name the files on disk. */
  private async fetchAttached(files: readonly string[]): Promise<void> {
    const { cache, catalog } = this;
    if (cache === null || !(await cache.ensure(files.map((file) => resolve(catalog.lakeDir, file))))) return;
    const onDisk = withFilesOnDisk(catalog, (path) => cache.isRemote(path));
    await this.tableViews.update(onDisk, (table) => {
      const attached = catalog.tables.find((candidate) => candidate.name === table.name);
      return attached?.files.some((path) => cache.isRemote(path)) ?? false;
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const generation = this.generation;
    const result = this.queue.then(() => {
      if (generation !== this.generation) throw cancelledError();
      return work();
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private parse(sql: string): AthenaStatement {
    // Parsing and planning run in JavaScript, where no timer can stop them: their input is bounded instead.
    if (Buffer.byteLength(sql) > MAX_QUERY_BYTES) {
      throw new QueryError('refused', `Query text is over ${MAX_QUERY_BYTES} bytes, Athena's limit for a query string`);
    }
    return parseAthenaStatement(sql, { tables: this.catalog.tables });
  }

  private async runNow(sql: string, { maxRows, readsOnly }: RunOptions): Promise<QueryResult> {
    const started = performance.now();
    const statement = this.parse(sql);
    switch (statement.kind) {
      case 'show-tables':
        return showTables(this.catalog, this.views.names(), statement.database, statement.pattern);
      case 'show-views':
        return showViews(this.views.names(), statement.pattern);
      case 'show-columns':
      case 'describe': {
        await this.tableViews.ensure([statement.table.name]);
        const columns =
          (await lakeTableColumns(this.catalog, this.connection, statement.table)) ??
          (statement.table.database === null ? await this.views.columns(statement.table.name) : null);
        if (columns === null) throw missingTable(statement.table);
        return statement.kind === 'describe' ? describe(columns) : showColumns(columns);
      }
      case 'create-view':
        if (readsOnly) throw new QueryError('refused', 'only a query that reads is taken here, not CREATE VIEW');
        await this.views.create(statement, await this.parsedWithViews(statement.query));
        return {
          columns: [
            { name: 'view', type: 'varchar' },
            { name: 'query', type: 'varchar' },
          ],
          rows: [[statement.name, statement.query]],
          truncated: false,
        };
      case 'drop-view': {
        if (readsOnly) throw new QueryError('refused', 'only a query that reads is taken here, not DROP VIEW');
        const dropped = await this.views.drop(statement.name, statement.ifExists);
        return {
          columns: [
            { name: 'view', type: 'varchar' },
            { name: 'dropped', type: 'boolean' },
          ],
          rows: [[statement.name, dropped]],
          truncated: false,
        };
      }
      case 'query': {
        const { sql: planned, files } = planQuery(statement.sql, statement.scans, this.catalog);
        await this.fetchAttached(files);
        await this.tableViews.ensure(statement.scans.map((scan) => scan.table));
        // The time limit covers the whole statement: what parsing and planning took is taken off DuckDB's share.
        const left = this.timeoutMs - (performance.now() - started);
        if (left <= 0) throw this.timeoutError();
        const names = knownNames(
          this.catalog,
          this.views.names(),
          statement.scans.map((scan) => scan.table),
        );
        const result = await this.query(planned, maxRows, left, sql, names);
        const notes = partialRegionNotes(this.catalog, statement.scans);
        return notes.length === 0 ? result : { ...result, notes };
      }
    }
  }

  /** A view's query, with the views of the tables it reads made. */
  private async parsedWithViews(sql: string): Promise<AthenaStatement> {
    const statement = this.parse(sql);
    if (statement.kind === 'query') await this.tableViews.ensure(statement.scans.map((scan) => scan.table));
    return statement;
  }

  private timeoutError(): QueryError {
    return new QueryError('timeout', `Query exceeded the ${this.timeoutMs} ms time limit and was stopped`);
  }

  private async query(
    duckdbSql: string,
    maxRows: number | undefined,
    timeLeftMs: number,
    athenaSql: string,
    names: KnownNames,
  ): Promise<QueryResult> {
    const generation = this.generation;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.connection.interrupt();
    }, timeLeftMs);
    try {
      const reader = await this.read(duckdbSql, maxRows);
      const rowCount = Math.min(reader.currentRowCount, maxRows ?? Number.POSITIVE_INFINITY);
      return {
        columns: reader.columnNames().map((name, i) => ({ name, type: trinoTypeName(reader.columnType(i)) })),
        rows: reader
          .getRows()
          .slice(0, rowCount)
          .map((row) => row.map(toQueryValue)),
        truncated: reader.currentRowCount > rowCount,
      };
    } catch (error) {
      if (error instanceof QueryError) throw error;
      if (generation !== this.generation) throw cancelledError();
      if (timedOut) throw this.timeoutError();
      throw duckdbError(error, athenaSql, names);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(duckdbSql: string, maxRows: number | undefined): Promise<DuckDBResultReader> {
    const prepared = await prepareReadOnly(this.connection, duckdbSql);
    return maxRows === undefined ? prepared.streamAndReadAll() : prepared.streamAndReadUntil(maxRows + 1);
  }
}

/**
 * A per-region table of a lake with several regions holds that region only; the lake-wide table and the rollup
 * region's cover them all, which is easy to miss when a query from a playbook names a region.
 */
function partialRegionNotes(catalog: LakeCatalog, scans: readonly { table: string }[]): string[] {
  if (catalog.rollupRegion === null || catalog.regions.length < 2) return [];
  const tables = new Set(scans.map((scan) => scan.table));
  return catalog.tables
    .filter((table) => tables.has(table.name) && table.region !== catalog.rollupRegion && !isLakeWide(table))
    .map((table) => {
      const rollup = catalog.tables.find((t) => t.region === catalog.rollupRegion && t.source === table.source);
      return `${table.name} holds ${table.region} only; the lake has ${catalog.regions.length} regions (${catalog.regions.join(', ')}), all in ${lakeWideTableName(table.source)}${rollup === undefined ? '' : ` and in the rollup table ${rollup.name}`}`;
    });
}

/** DuckDB's parser points into the translated SQL; the token it names is found in the user's SQL instead. */
function duckdbError(error: unknown, athenaSql: string, names: KnownNames): QueryError {
  const message = withNameHint(duckdbMessage(error), names);
  const syntax = /Parser Error: syntax error at (?:or near "(.+)"|end of input)$/.exec(message);
  if (syntax === null) return new QueryError('execution', message);
  const near = syntax[1];
  const offset = near === undefined ? athenaSql.trimEnd().length : athenaSql.indexOf(near);
  const position = offset === -1 ? null : positionAt(athenaSql, offset);
  return new QueryError('syntax', `mismatched input '${near ?? '<EOF>'}'`, position);
}

function cancelledError(): QueryError {
  return new QueryError('cancelled', 'Query was cancelled');
}
