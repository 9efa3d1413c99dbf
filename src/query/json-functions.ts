// Trino's JSON functions. Trino reads their text argument leniently (text that is not JSON gives NULL, not an
// error) and answers NULL where the JSON has the wrong shape; the tarn_json_* macros (sql-macros.ts) do that.

import { type FunctionTranslation, renamed } from './function-translation.ts';

const asJson = (text: string | undefined) => `TRY_CAST(${text} AS JSON)`;

function overJson(duckdbName: string, ...arity: number[]): FunctionTranslation {
  return { arity, render: ([json, ...rest]) => `${duckdbName}(${[asJson(json), ...rest].join(', ')})` };
}

export const JSON_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  // Returns JSON text, so a string comes back quoted (`"alice"`), as in Athena.
  json_extract: overJson('json_extract', 2),
  // Athena gives NULL for an object or an array; DuckDB would give its text.
  json_extract_scalar: overJson('tarn_json_scalar', 2),
  json_array_length: overJson('tarn_json_array_length', 1),
  json_array_contains: overJson('tarn_json_array_contains', 2),
  json_size: overJson('tarn_json_size', 2),
  json_format: { arity: [1], render: ([json]) => `CAST(${json} AS VARCHAR)` },
  // Strict, as in Athena: text that is not JSON is an error; the result is minified, as Athena's is.
  json_parse: renamed('json', 1),
};
