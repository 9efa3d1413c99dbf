// Tables that always cover every region, beside Security Lake's per-region names:
// `amazon_security_lake_table_all_<source>_2_0` in `amazon_security_lake_glue_db_all`. Security Lake's own
// rollup region covers every region too, but which region that is depends on the lake (by default the first
// region ingested), so a playbook's query naming a region can silently read part of the data; these names
// read the same whatever the rollup region is.

import { customTableName } from '../mapping/custom-sources.ts';
import { databaseName, isNativeSource, NATIVE_SOURCES, tableName } from '../mapping/native-sources.ts';
import type { LakeCatalog, LakeTable } from './lake-catalog.ts';

/** The `region` of a lake-wide table: `all` is no AWS region, so it cannot collide with one. */
export const LAKE_WIDE_REGION = 'all';

export const LAKE_WIDE_DATABASE = databaseName(LAKE_WIDE_REGION);

export function isLakeWide(table: Pick<LakeTable, 'region'>): boolean {
  return table.region === LAKE_WIDE_REGION;
}

/** The name of the table over every region's data of a source. */
export function lakeWideTableName(source: string): string {
  return isNativeSource(source) ? tableName(LAKE_WIDE_REGION, source) : customTableName(LAKE_WIDE_REGION, source);
}

/** The catalog with one lake-wide table per source, over the same files as the rollup region's table. */
export function withLakeWideTables(catalog: LakeCatalog): LakeCatalog {
  const rollup = catalog.tables.filter((table) => table.region === catalog.rollupRegion);
  const sources: readonly LakeTable[] =
    rollup.length > 0
      ? rollup
      : NATIVE_SOURCES.map((source) => ({
          region: LAKE_WIDE_REGION,
          source,
          name: '',
          database: '',
          files: [],
          partitions: [],
          schemaFiles: [],
        }));
  const lakeWide = sources.map((table) => ({
    ...table,
    region: LAKE_WIDE_REGION,
    name: lakeWideTableName(table.source),
    database: LAKE_WIDE_DATABASE,
  }));
  return { ...catalog, tables: [...catalog.tables, ...lakeWide] };
}
