// The query the engine runs for a translated Athena query: each lake table that the query's conditions
// confine to fewer partitions is read through a CTE of the same name over only those files, so DuckDB
// opens nothing else. eventDay has no column to push a filter into; region and accountid are pruned here too,
// so that the plan can list exactly the files a query will read.

import { relative } from 'node:path';
import type { TableScan } from './athena-dialect.ts';
import { quoteName, tableSelect } from './catalog-views.ts';
import type { LakeCatalog, LakePartitionFile, LakeTable } from './lake-catalog.ts';
import type { PartitionFilter } from './partition-predicates.ts';
import { isSignificant, tokenize, wordOf } from './sql-tokenizer.ts';

export interface QueryPlan {
  /** The DuckDB SQL that runs. */
  readonly sql: string;
  /** Lake-relative paths of the Parquet files the lake tables it names will read, in ledger order. */
  readonly files: readonly string[];
}

export function planQuery(translatedSql: string, scans: readonly TableScan[], catalog: LakeCatalog): QueryPlan {
  const ctes: string[] = [];
  const files = new Set<string>();
  for (const table of catalog.tables.filter((t) => scans.some((scan) => scan.table === t.name))) {
    const filters = scans.filter((scan) => scan.table === table.name).map((scan) => scan.filter);
    const needed = table.partitions.filter((file) => filters.some((filter) => matches(file, filter)));
    for (const file of needed) files.add(file.path);
    if (needed.length < table.partitions.length) ctes.push(pruned(table, needed));
  }
  return {
    sql: ctes.length === 0 ? translatedSql : withCtes(translatedSql, ctes),
    files: [...files].map((path) => relative(catalog.lakeDir, path).split('\\').join('/')),
  };
}

function matches(file: LakePartitionFile, filter: PartitionFilter): boolean {
  return (
    (filter.fromDay === null || file.eventDay >= filter.fromDay) &&
    (filter.toDay === null || file.eventDay <= filter.toDay) &&
    (filter.regions === null || filter.regions.includes(file.region)) &&
    (filter.accounts === null || filter.accounts.includes(file.accountId))
  );
}

/** NOT MATERIALIZED, so that DuckDB still pushes the query's filters into the scan. */
function pruned(table: LakeTable, files: readonly LakePartitionFile[]): string {
  return `${quoteName(table.name)} AS NOT MATERIALIZED (${tableSelect(
    table,
    files.map((file) => file.path),
  )})`;
}

/** The query's own WITH, if it has one, gets the lake's CTEs first; a parenthesized query is wrapped. */
function withCtes(sql: string, ctes: readonly string[]): string {
  const tokens = tokenize(sql);
  const first = tokens.findIndex(isSignificant);
  const list = ctes.join(', ');
  if (wordOf(tokens[first]) !== 'with') {
    return tokens[first]?.text === '(' ? `WITH ${list} SELECT * FROM ${sql}` : `WITH ${list} ${sql}`;
  }
  const second = tokens.findIndex((token, i) => i > first && isSignificant(token));
  const recursive = wordOf(tokens[second]) === 'recursive';
  const rest = tokens
    .slice(recursive ? second + 1 : first + 1)
    .map((token) => token.text)
    .join('');
  return `WITH ${recursive ? 'RECURSIVE ' : ''}${list},${rest}`;
}
