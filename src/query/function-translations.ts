// Athena (Trino) functions that DuckDB spells or behaves differently, keyed by Trino's name. A function not
// listed here passes through unchanged. Each entry receives its arguments already translated, as SQL text.

export interface FunctionTranslation {
  /** The argument counts Athena accepts. */
  readonly arity: readonly number[];
  readonly render: (args: readonly string[]) => string;
}

function renamed(duckdbName: string, ...arity: number[]): FunctionTranslation {
  return { arity, render: (args) => `${duckdbName}(${args.join(', ')})` };
}

/** Trino reads JSON functions' text argument leniently: text that is not JSON gives NULL, not an error. */
function overJson(duckdbName: string, ...arity: number[]): FunctionTranslation {
  return {
    arity,
    render: ([json, ...rest]) => `${duckdbName}(${[`TRY_CAST(${json} AS JSON)`, ...rest].join(', ')})`,
  };
}

export const FUNCTION_TRANSLATIONS: Readonly<Record<string, FunctionTranslation>> = {
  // Returns JSON text, so a string comes back quoted (`"alice"`), as in Athena.
  json_extract: overJson('json_extract', 2),
  json_extract_scalar: overJson('json_extract_string', 2),
  json_array_length: overJson('json_array_length', 1),
  json_format: { arity: [1], render: ([json]) => `CAST(${json} AS VARCHAR)` },
  json_parse: { arity: [1], render: ([text]) => `CAST(${text} AS JSON)` },
  regexp_like: renamed('regexp_matches', 2),
  cardinality: renamed('len', 1),
  arbitrary: renamed('any_value', 1),
  approx_distinct: renamed('approx_count_distinct', 1),
  array_join: renamed('array_to_string', 2),
  to_unixtime: renamed('epoch', 1),
  from_iso8601_timestamp: { arity: [1], render: ([text]) => `CAST(${text} AS TIMESTAMPTZ)` },
};
