// The query layer's public API: open an engine over a lake, run Athena SQL, format what comes back.

export { translateAthenaSql } from './athena-dialect.ts';
export { quoteName } from './catalog-views.ts';
export type { LakeCatalog, LakeTable } from './lake-catalog.ts';
export { loadLakeCatalog, planLakeCatalog } from './lake-catalog.ts';
export { isLakeWide, LAKE_WIDE_DATABASE, LAKE_WIDE_REGION, lakeWideTableName } from './lake-wide-tables.ts';
export type { QueryColumn, QueryEngine, QueryEngineOptions, QueryResult, RunOptions } from './query-engine.ts';
export { openQueryEngine } from './query-engine.ts';
export type { QueryErrorKind, SqlPosition } from './query-error.ts';
export { QueryError } from './query-error.ts';
export type { ResultFormat, TableLayout } from './result-format.ts';
export { formatResult, RESULT_FORMATS, renderTextTable, resultChunks } from './result-format.ts';
export type { QueryObject, QueryValue } from './result-values.ts';
