// The last word on whether a statement may run: DuckDB's own parse of it, not the text. The dialect has
// already refused statements that do not start like a query; this catches whatever still parses as a write.

import { type DuckDBConnection, type DuckDBPreparedStatement, StatementType } from '@duckdb/node-api';
import { QueryError } from './query-error.ts';

/** Prepares the one statement in `sql`, refusing more than one statement and any statement that is not a SELECT. */
export async function prepareReadOnly(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) throw new QueryError('refused', 'Only one sql statement is allowed');
  const prepared = await statements.prepare(0);
  if (prepared.statementType !== StatementType.SELECT) {
    const type = StatementType[prepared.statementType] ?? String(prepared.statementType);
    throw new QueryError('refused', `only queries that read are allowed; ${type} statements are refused`);
  }
  return prepared;
}
