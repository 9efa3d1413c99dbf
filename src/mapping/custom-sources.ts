// Custom sources by the names Security Lake gives them: `ext/<name>` in S3 prefixes (and in Tarn's ledger),
// `amazon_security_lake_table_<region>_ext_<name>` in Glue.

import { regionSuffix } from './native-sources.ts';

const PREFIX = 'ext/';

/** `ext/<name>`: the folder below the lake root, and the source name the ledger files its data under. */
export function customSourceKey(name: string): string {
  return `${PREFIX}${name}`;
}

export function isCustomSource(source: string): boolean {
  return source.startsWith(PREFIX);
}

/** `ext/okta-sso` in `us-east-1` → `amazon_security_lake_table_us_east_1_ext_okta_sso`. */
export function customTableName(region: string, source: string): string {
  const name = source.slice(PREFIX.length).replaceAll('-', '_');
  return `amazon_security_lake_table_${regionSuffix(region)}_ext_${name}`;
}
