// Athena (Trino) functions that DuckDB spells or behaves differently, keyed by Trino's name, gathered from
// one file per family. A function not listed passes through unchanged. Each entry receives its arguments
// already translated, as SQL text; lambdas arrive already in DuckDB's `lambda x: …` form.

import { COLLECTION_FUNCTIONS } from './collection-functions.ts';
import { DATETIME_FUNCTIONS } from './datetime-functions.ts';
import type { FunctionTranslation } from './function-translation.ts';
import { JSON_FUNCTIONS } from './json-functions.ts';
import { TEXT_FUNCTIONS } from './text-functions.ts';

export const FUNCTION_TRANSLATIONS: Readonly<Record<string, FunctionTranslation>> = {
  ...JSON_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...TEXT_FUNCTIONS,
};
