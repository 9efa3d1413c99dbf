// DuckDB's reserved keywords (`duckdb_keywords()` where keyword_category = 'reserved'). Trino lets most of
// them name a column or struct (OCSF has `desc`, `group`, `references`), DuckDB only when quoted.
// test/query/athena-dialect.test.ts compares this list with the running DuckDB's.

export const DUCKDB_RESERVED_KEYWORDS: ReadonlySet<string> = new Set(
  [
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create',
    'default deferrable desc describe distinct do else end except false fetch for foreign from group having in',
    'initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer',
    'pivot_wider placing primary qualify references returning select show some summarize symmetric table then',
    'to trailing true union unique unpivot using variadic when where window with',
  ]
    .join(' ')
    .split(' '),
);
