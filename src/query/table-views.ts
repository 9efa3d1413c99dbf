// The lake's tables as DuckDB views, made only when a statement first names them: binding a view over
// Parquet files reads their footers, and a lake has a view per source and region, so making them all at
// start-up would cost every `tarn query` seconds for tables it never reads.

import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteName, tableSelect } from './catalog-views.ts';
import type { LakeCatalog } from './lake-catalog.ts';

export class TableViews {
  private readonly made = new Set<string>();

  constructor(
    private readonly catalog: LakeCatalog,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Makes the views of the named lake tables that do not exist yet; names that are not lake tables are skipped. */
  async ensure(names: Iterable<string>): Promise<void> {
    for (const name of new Set(names)) {
      if (this.made.has(name)) continue;
      const table = this.catalog.tables.find((candidate) => candidate.name === name);
      if (table === undefined) continue;
      await this.connection.run(`CREATE VIEW main.${quoteName(table.name)} AS ${tableSelect(table, table.files)}`);
      await this.connection.run(
        `CREATE VIEW ${quoteName(table.database)}.${quoteName(table.name)} AS SELECT * FROM main.${quoteName(table.name)}`,
      );
      this.made.add(name);
    }
  }
}
