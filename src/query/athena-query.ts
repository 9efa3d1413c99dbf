// `tarn query --engine athena`: the same Athena SQL run on Amazon Athena through the SDK, over the tables
// tarn catalog register (or Security Lake itself) put in Glue, and its answer turned into the QueryResult the
// local engine gives, so every output format prints the same way. Athena returns every value as text; scalar
// types are read back into numbers and booleans, nested ones (row, array, map) stay Athena's text. A query that
// outlives its time limit, or is cancelled, is stopped on Athena too (StopQueryExecution), as the local engine
// interrupts its own, so it does not go on scanning (and billing) after Tarn has given up on it.

import {
  type AthenaClient,
  type ColumnInfo,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type Row,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { TarnError } from '../tarn-error.ts';
import type { QueryResult } from './query-engine.ts';
import { QueryError } from './query-error.ts';
import type { QueryValue } from './result-values.ts';

export interface AthenaQueryOptions {
  readonly workgroup: string;
  /** `s3://…`: where Athena writes the results; the workgroup's own when not given. */
  readonly output?: string;
  /** The Glue database unqualified table names resolve in. */
  readonly database?: string;
  readonly maxRows?: number;
  /** How long the query may run on Athena before it is stopped (`--timeout`). */
  readonly timeoutMs: number;
  /** Cancels the query (Ctrl-C): it is stopped on Athena. */
  readonly signal?: AbortSignal;
  /** Waits between polls of the query's state, ending early when `signal` aborts; a test passes a fake clock. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds, for the time limit: `performance.now` unless a test passes its fake clock. */
  readonly now?: () => number;
}

const POLL_MS = 500;
const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'integer', 'int']);
const DECIMAL_TYPES = /^(double|float|real|decimal)/;

export async function runOnAthena(
  client: AthenaClient,
  sql: string,
  options: AthenaQueryOptions,
): Promise<QueryResult> {
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: options.workgroup,
      ...(options.database === undefined ? {} : { QueryExecutionContext: { Database: options.database } }),
      ...(options.output === undefined ? {} : { ResultConfiguration: { OutputLocation: options.output } }),
    }),
  );
  const id = started.QueryExecutionId ?? '';
  const now = options.now ?? (() => performance.now());
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const { QueryExecution: execution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = execution?.Status?.State;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') {
      const reason = execution?.Status?.StateChangeReason ?? 'no reason given';
      throw new TarnError(`Athena query ${id} ${state.toLowerCase()}: ${reason}`, 1);
    }
    const left = deadline - now();
    if (options.signal?.aborted === true || left <= 0) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      throw options.signal?.aborted === true
        ? new QueryError('cancelled', `Athena query ${id} was cancelled and stopped`)
        : new QueryError(
            'timeout',
            `Athena query ${id} exceeded the ${options.timeoutMs} ms time limit and was stopped`,
          );
    }
    await options.sleep(Math.min(POLL_MS, left));
  }
  return readResults(client, id, options.maxRows);
}

async function readResults(client: AthenaClient, id: string, maxRows: number | undefined): Promise<QueryResult> {
  let columns: readonly ColumnInfo[] = [];
  const rows: QueryValue[][] = [];
  let token: string | undefined;
  let first = true;
  do {
    const page = await client.send(
      new GetQueryResultsCommand({ QueryExecutionId: id, ...(token === undefined ? {} : { NextToken: token }) }),
    );
    columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? columns;
    // A SELECT's first row is its header, on the first page only.
    const data = (page.ResultSet?.Rows ?? []).slice(first ? 1 : 0);
    first = false;
    for (const row of data) {
      if (maxRows !== undefined && rows.length >= maxRows) return result(columns, rows, true);
      rows.push(values(row, columns));
    }
    token = page.NextToken;
  } while (token !== undefined);
  return result(columns, rows, false);
}

function result(columns: readonly ColumnInfo[], rows: QueryValue[][], truncated: boolean): QueryResult {
  return { columns: columns.map((c) => ({ name: c.Name ?? '', type: c.Type ?? 'varchar' })), rows, truncated };
}

function values(row: Row, columns: readonly ColumnInfo[]): QueryValue[] {
  return columns.map((column, i) => typed(row.Data?.[i]?.VarCharValue, (column.Type ?? '').toLowerCase()));
}

function typed(text: string | undefined, type: string): QueryValue {
  if (text === undefined) return null;
  if (type === 'boolean') return text === 'true';
  if (INTEGER_TYPES.has(type)) return Number(text);
  if (type === 'bigint') {
    const value = BigInt(text);
    return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
  }
  if (DECIMAL_TYPES.test(type)) return Number(text);
  return text;
}

/**
 * Security Lake's database for the first Security Lake table the SQL names (`amazon_security_lake_table_us_east_1_…`
 * lives in `amazon_security_lake_glue_db_us_east_1`), so a playbook's unqualified names resolve as locally.
 */
export function securityLakeDatabase(sql: string): string | undefined {
  const region = /amazon_security_lake_table_([a-z]{2}(?:_[a-z]+)+_\d)_/.exec(sql)?.[1];
  return region === undefined ? undefined : `amazon_security_lake_glue_db_${region}`;
}
