// The eight native Security Lake sources, by the names Security Lake uses in table names and S3 prefixes.

export const NATIVE_SOURCES = [
  'cloud_trail_mgmt',
  'lambda_execution',
  's3_data',
  'route53',
  'sh_findings',
  'vpc_flow',
  'eks_audit',
  'waf',
] as const;

export type NativeSource = (typeof NATIVE_SOURCES)[number];

/** The S3 prefix segment: `aws/<SOURCE>/2.0/...` uses the API's `sourceName` (upper case). */
export function sourceFolder(source: NativeSource): string {
  return `aws/${source.toUpperCase()}/2.0`;
}

/** `us-west-2` → `us_west_2`, as Glue names tables and databases. */
export function regionSuffix(region: string): string {
  return region.replaceAll('-', '_');
}

export function tableName(region: string, source: NativeSource): string {
  return `amazon_security_lake_table_${regionSuffix(region)}_${source}_2_0`;
}

export function databaseName(region: string): string {
  return `amazon_security_lake_glue_db_${regionSuffix(region)}`;
}

export function isNativeSource(name: string): name is NativeSource {
  return (NATIVE_SOURCES as readonly string[]).includes(name);
}
