// The tables of custom sources, as Security Lake's Glue crawler makes them: one per region and source,
// `amazon_security_lake_table_<region>_ext_<name>`, its columns those found in the source's Parquet files.
// Batches may carry different optional attributes, so files are read by column name, nested fields too.

import { isCustomSource } from '../mapping/custom-sources.ts';
import { quoteString } from './catalog-views.ts';

/** Custom sources with committed files, in the order the ledger first lists them. */
export function customSourcesOf(files: readonly { source: string }[]): string[] {
  return [...new Set(files.map((file) => file.source).filter(isCustomSource))];
}

/**
 * The select of a custom table over some of its files. The columns are those of all its files (`schemaFiles`),
 * so that a query narrowed to some partitions still finds a column only other batches have; it is NULL there.
 * The partition folders give `region`, `accountid` and `eventday`, as the crawler names them.
 */
export function customTableSelect(files: readonly string[], schemaFiles: readonly string[]): string {
  const all = scan(schemaFiles);
  if (files.length === schemaFiles.length) return all;
  return `(${all} LIMIT 0) UNION ALL BY NAME (${files.length === 0 ? `${all} LIMIT 0` : scan(files)})`;
}

function scan(files: readonly string[]): string {
  const list = files.map(quoteString).join(', ');
  const types = "{'region': VARCHAR, 'accountId': VARCHAR, 'eventDay': VARCHAR}";
  return `SELECT * EXCLUDE ("accountId", "eventDay"), "accountId" AS accountid, "eventDay" AS eventday FROM read_parquet([${list}], union_by_name = true, hive_partitioning = true, hive_types = ${types})`;
}
