// The lake's tables as DuckDB views, made only when a statement first names them: binding a view over
// Parquet files reads their footers, and a lake has a view per source and region, so making them all at
// start-up would cost every `tarn query` seconds for tables it never reads.

import type { DuckDBConnection } from '@duckdb/node-api';
import { tableViewStatements } from './catalog-views.ts';
import type { LakeCatalog, LakeTable } from './lake-catalog.ts';

export class TableViews {
  private readonly made = new Set<string>();

  constructor(
    private catalog: LakeCatalog,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Makes the views of the named lake tables that do not exist yet; names that are not lake tables are skipped. */
  async ensure(names: Iterable<string>): Promise<void> {
    for (const name of new Set(names)) {
      if (this.made.has(name)) continue;
      const table = this.catalog.tables.find((candidate) => candidate.name === name);
      if (table === undefined) continue;
      for (const statement of tableViewStatements(table)) await this.connection.run(statement);
      this.made.add(name);
    }
  }

  /** After an attached bucket's cache fetched files: views already made over `changed` tables are remade. */
  async update(catalog: LakeCatalog, changed: (table: LakeTable) => boolean): Promise<void> {
    this.catalog = catalog;
    for (const table of catalog.tables) {
      if (!this.made.has(table.name) || !changed(table)) continue;
      for (const statement of tableViewStatements(table, true)) await this.connection.run(statement);
    }
  }
}
