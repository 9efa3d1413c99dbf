// Trino's string, regular expression and URL functions where DuckDB answers '' where Trino answers NULL.

import { type FunctionTranslation, renamed } from './function-translation.ts';

export const TEXT_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  // Both search anywhere in the text; DuckDB's name for that is regexp_matches.
  regexp_like: renamed('regexp_matches', 2),
  regexp_extract: renamed('tarn_regexp_extract', 2, 3),
  split_part: renamed('tarn_split_part', 3),
  url_extract_host: renamed('tarn_url_host', 1),
};
