// The lake's SQL endpoint: an in-memory DuckDB holding the catalog's views, then locked down so that a
// query can read the committed Parquet files and nothing else, and change nothing.

import { type DuckDBConnection, DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api';
import { translateAthenaSql } from './athena-dialect.ts';
import { catalogStatements, quoteString } from './catalog-views.ts';
import { type LakeCatalog, loadLakeCatalog } from './lake-catalog.ts';
import { QueryError } from './query-error.ts';
import { prepareReadOnly } from './read-only-guard.ts';
import { type QueryValue, toQueryValue, trinoTypeName } from './result-values.ts';

export interface QueryEngineOptions {
  readonly lakeDir: string;
  /** Per query; 60 s when not given. */
  readonly timeoutMs?: number;
  /** DuckDB's `memory_limit`, such as `4GB`. */
  readonly memoryLimit?: string;
}

export interface RunOptions {
  /** Rows to return at most; the rest are not read, and `truncated` says there were more. */
  readonly maxRows?: number;
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
}

export interface QueryEngine {
  readonly catalog: LakeCatalog;
  run(sql: string, options?: RunOptions): Promise<QueryResult>;
  /** The DuckDB SQL an Athena query runs as. */
  explain(sql: string): Promise<string>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export async function openQueryEngine(options: QueryEngineOptions): Promise<QueryEngine> {
  const catalog = await loadLakeCatalog(options.lakeDir);
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(options.memoryLimit === undefined ? {} : { memory_limit: options.memoryLimit }),
  });
  const connection = await instance.connect();
  for (const statement of [...catalogStatements(catalog), ...lockdownStatements(catalog)]) {
    await connection.run(statement);
  }
  return new LockedEngine(catalog, connection, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** Only the ledger's files are allowed, not the lake folder: a file the ledger does not list stays unreadable. */
function lockdownStatements(catalog: LakeCatalog): string[] {
  return [
    ...(catalog.files.length === 0 ? [] : [`SET allowed_paths = [${catalog.files.map(quoteString).join(', ')}]`]),
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
}

class LockedEngine implements QueryEngine {
  /** Queries take turns on the one connection, so an interrupt can only ever stop the query that timed out. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly catalog: LakeCatalog,
    private readonly connection: DuckDBConnection,
    private readonly timeoutMs: number,
  ) {}

  async explain(sql: string): Promise<string> {
    return translateAthenaSql(sql);
  }

  run(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    const result = this.queue.then(() => this.runNow(sql, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    this.connection.closeSync();
  }

  private async runNow(sql: string, { maxRows }: RunOptions): Promise<QueryResult> {
    const duckdbSql = translateAthenaSql(sql);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.connection.interrupt();
    }, this.timeoutMs);
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
      if (timedOut)
        throw new QueryError('timeout', `Query exceeded the ${this.timeoutMs} ms time limit and was stopped`);
      throw new QueryError('execution', duckdbMessage(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(duckdbSql: string, maxRows: number | undefined): Promise<DuckDBResultReader> {
    const prepared = await prepareReadOnly(this.connection, duckdbSql);
    return maxRows === undefined ? prepared.streamAndReadAll() : prepared.streamAndReadUntil(maxRows + 1);
  }
}

/** DuckDB appends the query text with a caret; that points into the translated SQL, not the user's. */
function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n\nLINE ')[0] ?? message;
}
