// "Did you mean" for a misspelt table, column or struct field: DuckDB's binder names what it could not find;
// the nearest name the lake has is offered, in Athena's wording (a misspelt `actor` in `acter.user.name` is a
// column, though DuckDB's binder takes it for a table).

import { didYouMean } from '../closest-name.ts';
import { isNativeSource } from '../mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../mapping/table-schemas.ts';
import type { LakeCatalog } from './lake-catalog.ts';

export interface KnownNames {
  readonly tables: readonly string[];
  readonly columns: readonly string[];
  /** The fields of every struct in the tables the query reads, at any depth. */
  readonly fields: readonly string[];
}

/** The names a query could have meant: every table and view, and the columns and fields of those it reads. */
export function knownNames(catalog: LakeCatalog, views: readonly string[], read: readonly string[]): KnownNames {
  const schemas = catalog.tables
    .filter((table) => read.includes(table.name) && isNativeSource(table.source))
    .flatMap((table) => (isNativeSource(table.source) ? TABLE_SCHEMAS[table.source] : []));
  return {
    tables: [...new Set([...catalog.tables.map((table) => table.name), ...views])],
    columns: [...new Set(schemas.map((column) => column.name))],
    fields: [...new Set(schemas.flatMap((column) => [...column.type.matchAll(/(\w+):/g)].map((m) => m[1] as string)))],
  };
}

/** DuckDB's message for a name it could not bind, reworded with the nearest known name; other messages as they are. */
export function withNameHint(message: string, names: KnownNames): string {
  const table = /^Table '([^']+)' does not exist/.exec(message)?.[1];
  if (table !== undefined) {
    const hint = didYouMean(table, names.tables);
    return hint === '' ? message : `Table '${table}' does not exist${hint}`;
  }
  const field = /Could not find key "([^"]+)" in struct/.exec(message)?.[1];
  if (field !== undefined) return `Field '${field}' does not exist in its struct${didYouMean(field, names.fields)}`;
  const unbound = /Referenced (?:table|column) "([^"]+)" not found|does not have a column named "([^"]+)"/.exec(
    message,
  );
  const column = unbound?.[1] ?? unbound?.[2];
  if (column !== undefined) return `Column '${column}' cannot be resolved${didYouMean(column, names.columns)}`;
  return message;
}
