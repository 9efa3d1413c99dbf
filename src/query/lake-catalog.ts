// Which tables the lake has and which committed Parquet files each one reads, decided from the ledger and
// the lake config alone, as Security Lake's Glue catalog would list them.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { readAttachments } from '../lake/attachments.ts';
import { type LakeConfig, readLakeConfig } from '../lake/lake-config.ts';
import { type LedgerFiles, readLedgerFiles } from '../lake/ledger.ts';
import { customTableName, isCustomSource } from '../mapping/custom-sources.ts';
import {
  databaseName,
  isNativeSource,
  NATIVE_SOURCES,
  type NativeSource,
  tableName,
} from '../mapping/native-sources.ts';
import { withAttachments } from './attached-tables.ts';
import { customSourcesOf } from './custom-tables.ts';
import { withLakeWideTables } from './lake-wide-tables.ts';

export interface LakeTable {
  /** The AWS region, or `all` for a lake-wide table (lake-wide-tables.ts). */
  readonly region: string;
  /** A native source (`cloud_trail_mgmt`), or `ext/<name>` for a custom source, as the ledger names them. */
  readonly source: NativeSource | string;
  /** `amazon_security_lake_table_<region_>_<source>_2_0`, or `…_ext_<name>` for a custom source. */
  readonly name: string;
  /** `amazon_security_lake_glue_db_<region_>`, the Glue database that also holds the table. */
  readonly database: string;
  /** Absolute paths of the committed Parquet files the table reads, in ledger order. */
  readonly files: readonly string[];
  /** The same files with the partition each one is in, so a query can read only the partitions it needs. */
  readonly partitions: readonly LakePartitionFile[];
  /** A custom table's columns are those of all its source's files, in every region; empty for native tables. */
  readonly schemaFiles: readonly string[];
}

export interface LakePartitionFile {
  /** Absolute. */
  readonly path: string;
  readonly region: string;
  readonly accountId: string;
  /** `YYYYMMDD`, the UTC day of the rows' time_dt. */
  readonly eventDay: string;
}

export interface LakeCatalog {
  readonly lakeDir: string;
  /** The region whose tables cover every region's files; null only for a lake with no data and no config. */
  readonly rollupRegion: string | null;
  /** The rollup region first, then the others in the order the ledger first lists them (never `all`). */
  readonly regions: readonly string[];
  readonly tables: readonly LakeTable[];
  /** Every committed Parquet file, absolute: the only files a query may open. */
  readonly files: readonly string[];
}

export async function loadLakeCatalog(lakeDir: string): Promise<LakeCatalog> {
  const catalog = planLakeCatalog(lakeDir, await readLedgerFiles(lakeDir), await readLakeConfig(lakeDir));
  return withLakeWideTables(withAttachments(catalog, await readAttachments(lakeDir)));
}

export function planLakeCatalog(lakeDir: string, ledger: LedgerFiles, config: LakeConfig): LakeCatalog {
  const root = resolve(lakeDir);
  const files = ledger.files
    .filter((file) => isNativeSource(file.source) || isCustomSource(file.source))
    .map((file) => ({ ...file, absolute: insideLake(root, file.path) }));
  // Security Lake's rollup region is the one set up first; without a config, the first region ingested stands in.
  const rollupRegion = config.rollupRegion ?? files.find((file) => isNativeSource(file.source))?.region ?? null;
  const regions = [...new Set([...(rollupRegion === null ? [] : [rollupRegion]), ...files.map((f) => f.region)])];
  const custom = customSourcesOf(files);
  const tables = regions.flatMap((region) =>
    [...NATIVE_SOURCES, ...custom].map((source) => {
      const own = files.filter((file) => file.source === source);
      const partitions = own
        .filter((file) => region === rollupRegion || file.region === region)
        .map(({ absolute, region, accountId, eventDay }) => ({ path: absolute, region, accountId, eventDay }));
      const native = isNativeSource(source);
      return {
        region,
        source,
        name: native ? tableName(region, source) : customTableName(region, source),
        database: databaseName(region),
        files: partitions.map((file) => file.path),
        partitions,
        schemaFiles: native ? [] : own.map((file) => file.absolute),
      };
    }),
  );
  return { lakeDir: root, rollupRegion, regions, tables, files: [...new Set(files.map((file) => file.absolute))] };
}

/** A ledger path that climbs out of the lake would widen what queries may read, so it is an error, not a file. */
function insideLake(root: string, path: string): string {
  const absolute = resolve(root, path);
  const fromRoot = relative(root, absolute);
  if (fromRoot === '' || fromRoot.split(sep)[0] === '..' || isAbsolute(fromRoot)) {
    throw new Error(`ledger lists a file outside the lake: ${path}`);
  }
  return absolute;
}
