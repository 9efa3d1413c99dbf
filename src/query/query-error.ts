// One error type for everything the query layer refuses or fails on, worded as Athena words its errors, so a
// caller can tell a refused statement from a timeout or a mistake in the SQL without matching on messages.
// A TarnError, so the CLI prints it as a message for the user rather than as a crash.

import { TarnError } from '../tarn-error.ts';

export type QueryErrorKind = 'syntax' | 'refused' | 'timeout' | 'cancelled' | 'execution';

export interface SqlPosition {
  /** 1-based, as Athena reports it. */
  readonly line: number;
  /** 1-based, as Athena reports it. */
  readonly column: number;
}

export class QueryError extends TarnError {
  override readonly name = 'QueryError';

  constructor(
    readonly kind: QueryErrorKind,
    message: string,
    readonly position: SqlPosition | null = null,
  ) {
    super(position === null ? message : `line ${position.line}:${position.column}: ${message}`);
  }
}

export function positionAt(sql: string, offset: number): SqlPosition {
  const before = sql.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** DuckDB appends the query text with a caret; that points into the translated SQL, not the user's. */
export function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n\nLINE ')[0] ?? message;
  // DuckDB's guess for a table the lake lacks is one of its own system tables, which only misleads.
  const missing = /^Catalog Error: Table with name (\S+) does not exist!/.exec(first);
  return missing ? `Table '${missing[1]}' does not exist; SHOW TABLES lists the lake's tables` : first;
}
