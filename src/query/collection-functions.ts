// Trino's array, map, lambda and aggregate functions. Arrays are 1-based in both engines; the differences
// are names, NULL rules (the tarn_*_match macros in sql-macros.ts) and a map's cardinality.

import { type FunctionTranslation, renamed } from './function-translation.ts';
import { isIpAddress } from './trino-types.ts';

/**
 * DuckDB counts a list with len and a map with cardinality, and the translation cannot see types. The lake's
 * only map columns are `unmapped`, and maps are otherwise built by a few functions, so those are recognized;
 * a map reached any other way is counted with cardinality(map_keys(m)), as README's Compatibility says.
 */
const MAP_VALUED = /(^|\.)"?unmapped"?$|^(tarn_map_from_first|map|map_from_entries|histogram|map_filter|map_concat)\(/i;

/** Trino's any/all/none_match answer NULL, not false, when a NULL decides; the macro sees each element's verdict. */
function matching(macro: string): FunctionTranslation {
  return { arity: [2], render: ([array, predicate]) => `${macro}(list_transform(${array}, ${predicate}))` };
}

export const COLLECTION_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  cardinality: { arity: [1], render: ([x]) => `${MAP_VALUED.test(x ?? '') ? 'cardinality' : 'len'}(${x})` },
  // Lists and maps alike: NULL out of range or for a missing key, and a negative index counts from the end.
  element_at: { arity: [2], render: ([container, key]) => `(${container})[${key}]` },
  // The one `contains` DuckDB lacks is Trino's CIDR test, `contains('10.0.0.0/8', CAST(ip AS IPADDRESS))`.
  contains: {
    arity: [2],
    render: ([container, item]) =>
      isIpAddress(item) ? `tarn_cidr_contains(${container}, ${item})` : `list_contains(${container}, ${item})`,
  },
  array_join: renamed('array_to_string', 2),
  transform: renamed('list_transform', 2),
  filter: renamed('list_filter', 2),
  reduce: {
    arity: [4],
    render: ([array, initial, combine, output]) =>
      `list_transform([list_reduce(${array}, ${combine}, ${initial})], ${output})[1]`,
  },
  any_match: matching('tarn_any_match'),
  all_match: matching('tarn_all_match'),
  none_match: matching('tarn_none_match'),
  arbitrary: renamed('any_value', 1),
  approx_distinct: renamed('approx_count_distinct', 1),
  approx_percentile: renamed('approx_quantile', 2),
  // Trino keeps one value per key where DuckDB's map constructors fail on a repeated key.
  map_agg: {
    arity: [2],
    render: ([key, value]) =>
      `tarn_map_from_first(list({'k': ${key}, 'v': ${value}}) FILTER (WHERE ${key} IS NOT NULL))`,
  },
};
