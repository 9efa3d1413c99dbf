// CREATE VIEW and DROP VIEW, the writes a query may make: the view's query must itself pass every check a query
// passes (one statement, a read, bound under the lockdown), and it is saved in the lake (saved-views.ts)
// and recreated in every engine that opens the lake afterwards.

import { type DuckDBConnection, StatementType } from '@duckdb/node-api';
import { type AthenaStatement, parseAthenaStatement } from './athena-dialect.ts';
import { quoteName } from './catalog-views.ts';
import type { LakeCatalog } from './lake-catalog.ts';
import { duckdbMessage, QueryError } from './query-error.ts';
import { prepareReadOnly } from './read-only-guard.ts';
import { type NamedColumn, relationColumns } from './relation-columns.ts';
import { deleteSavedView, readSavedViews, writeSavedView } from './saved-views.ts';
import type { TableViews } from './table-views.ts';
import { trinoTypeName } from './type-names.ts';

type CreateView = Extract<AthenaStatement, { kind: 'create-view' }>;

/**
 * The names Tarn gives its tables and databases, native and custom (`…_ext_…`), in every region: a view
 * there could stand in for a table that is not in the lake yet, and read as the table once it is.
 */
const TABLE_NAMESPACE = 'amazon_security_lake_';

function inTableNamespace(name: string): boolean {
  return name.toLowerCase().startsWith(TABLE_NAMESPACE);
}

export class ViewStore {
  private constructor(
    private readonly catalog: LakeCatalog,
    private readonly connection: DuckDBConnection,
    private readonly views: Set<string>,
  ) {}

  /**
   * Recreates the saved views. One view may read another, so views are retried until none more can be made;
   * a view that cannot be made (its table is gone) is left out, and a query naming it says it does not exist.
   */
  static async open(catalog: LakeCatalog, connection: DuckDBConnection, tables: TableViews): Promise<ViewStore> {
    const store = new ViewStore(catalog, connection, new Set());
    let pending = await readSavedViews(catalog.lakeDir);
    for (let made = true; made; ) {
      const before = pending.length;
      const failed = [];
      for (const view of pending) {
        // Tables win: a view saved by an older Tarn under a table's name is never recreated over it.
        if (inTableNamespace(view.name)) continue;
        try {
          const body = parseAthenaStatement(view.query, { tables: catalog.tables });
          if (body.kind === 'query') await tables.ensure(body.scans.map((scan) => scan.table));
          await store.define(view.name, store.translate(body));
        } catch {
          failed.push(view);
        }
      }
      pending = failed;
      made = pending.length < before && pending.length > 0;
    }
    return store;
  }

  names(): string[] {
    return [...this.views];
  }

  async columns(name: string): Promise<NamedColumn[] | null> {
    if (!this.views.has(name)) return null;
    return relationColumns(this.connection, `main.${quoteName(name)}`, trinoTypeName);
  }

  async create(statement: CreateView, body: AthenaStatement): Promise<void> {
    if (this.catalog.tables.some((table) => table.name === statement.name)) {
      throw new QueryError('refused', `'${statement.name}' is a table of the lake, not a view`);
    }
    if (inTableNamespace(statement.name)) {
      throw new QueryError(
        'refused',
        `'${statement.name}' is in the lake's table names (${TABLE_NAMESPACE}…): pick another view name`,
      );
    }
    if (this.views.has(statement.name) && !statement.replace) {
      throw new QueryError('execution', `View '${statement.name}' already exists`);
    }
    await this.define(statement.name, this.translate(body));
    await writeSavedView(this.catalog.lakeDir, { name: statement.name, query: statement.query });
  }

  /** Removes a saved view; false when there was none (an error unless IF EXISTS was given). */
  async drop(name: string, ifExists: boolean): Promise<boolean> {
    if (!this.views.has(name)) {
      if (ifExists) return false;
      throw new QueryError('execution', `View '${name}' does not exist`);
    }
    await deleteSavedView(this.catalog.lakeDir, name);
    await this.connection.run(`DROP VIEW IF EXISTS main.${quoteName(name)}`);
    this.views.delete(name);
    return true;
  }

  private translate(body: AthenaStatement): string {
    if (body.kind !== 'query') throw new QueryError('refused', 'a view is defined by a query');
    return body.sql;
  }

  /** The query is checked alone first, then the CREATE as a whole, so nothing can ride along with it. */
  private async define(name: string, duckdbSql: string): Promise<void> {
    try {
      await prepareReadOnly(this.connection, duckdbSql);
      const statements = await this.connection.extractStatements(
        `CREATE OR REPLACE VIEW main.${quoteName(name)} AS ${duckdbSql}`,
      );
      const create = statements.count === 1 ? await statements.prepare(0) : null;
      if (create?.statementType !== StatementType.CREATE) {
        throw new QueryError('refused', 'a view is defined by one query');
      }
      await create.run();
    } catch (error) {
      throw error instanceof QueryError ? error : new QueryError('execution', duckdbMessage(error));
    }
    this.views.add(name);
  }
}
