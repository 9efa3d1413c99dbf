// Attached Security Lake copies (`tarn attach`) added to a catalog planned from the ledger: their files join
// the tables of the same region and source (the rollup region's tables take every region's), tables of
// regions only an attachment has are added, and their files become readable by queries.

import { existsSync } from 'node:fs';
import type { Attachment } from '../lake/attachments.ts';
import { databaseName, isNativeSource, NATIVE_SOURCES, tableName } from '../mapping/native-sources.ts';
import type { LakeCatalog, LakePartitionFile, LakeTable } from './lake-catalog.ts';

export function withAttachments(catalog: LakeCatalog, attachments: readonly Attachment[]): LakeCatalog {
  const files = attachments.flatMap((a) => a.files).filter((file) => isNativeSource(file.source));
  if (files.length === 0) return catalog;
  const rollupRegion = catalog.rollupRegion ?? files[0]?.region ?? null;
  const regions = [
    ...new Set([...(rollupRegion === null ? [] : [rollupRegion]), ...catalog.regions, ...files.map((f) => f.region)]),
  ];
  const emptyTable = (region: string, source: (typeof NATIVE_SOURCES)[number]): LakeTable => ({
    region,
    source,
    name: tableName(region, source),
    database: databaseName(region),
    files: [],
    partitions: [],
    schemaFiles: [],
  });
  const added = regions
    .filter((region) => !catalog.regions.includes(region))
    .flatMap((region) => NATIVE_SOURCES.map((source) => emptyTable(region, source)));
  const tables = [...catalog.tables, ...added].map((table) => {
    const extra: LakePartitionFile[] = files
      .filter((file) => file.source === table.source && (table.region === rollupRegion || file.region === table.region))
      .map(({ path, region, accountId, eventDay }) => ({ path, region, accountId, eventDay }));
    if (extra.length === 0) return table;
    const partitions = [...table.partitions, ...extra];
    return { ...table, partitions, files: partitions.map((p) => p.path) };
  });
  return {
    ...catalog,
    rollupRegion,
    regions,
    tables,
    files: [...new Set([...catalog.files, ...files.map((f) => f.path)])],
  };
}

/**
 * The catalog with only the files on disk of an attached S3 bucket (DuckDB opens every file a view names when
 * it is made); a query fetches what it needs first, and the views are made again.
 */
export function withFilesOnDisk(catalog: LakeCatalog, isRemote: (path: string) => boolean): LakeCatalog {
  return {
    ...catalog,
    tables: catalog.tables.map((table) => {
      if (!table.files.some(isRemote)) return table;
      const partitions = table.partitions.filter((file) => !isRemote(file.path) || existsSync(file.path));
      return { ...table, partitions, files: partitions.map((file) => file.path) };
    }),
  };
}
