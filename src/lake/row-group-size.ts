// How many rows each row group of a Parquet file gets, so that a file of 100,000 rows or more has no row group
// below that: Security Lake's readers scan row groups of 100k rows and more best, and a small one beside large
// ones is a whole row group's overhead for a few rows.
//
// DuckDB cuts a row group once its buffer holds ROW_GROUP_SIZE rows or more, after the vector (up to 2,048
// rows) that got it there, and writes what is left at the end as the last row group. A file of n rows is given
// k row groups of about n / k, with k as large as it can be while the last one, after k - 1 cuts each up to a
// vector late, still holds 100,000 rows: about floor(n / 100,000) row groups (8 of 125,000 for a million rows,
// one for up to 204,095), never a small one beside large ones. The rows must be cut from one buffer, by one
// DuckDB thread: two threads each buffer and cut row groups of their own, and DuckDB's order-keeping copy on two
// threads cut 219,993 rows as 97,113 + 110,592 + 12,288.

export const MIN_ROW_GROUP_ROWS = 100_000;
/** Rows in one DuckDB vector: how far past ROW_GROUP_SIZE a row group may run. */
const VECTOR_ROWS = 2_048;

/** The ROW_GROUP_SIZE that writes `rows` rows in row groups of MIN_ROW_GROUP_ROWS or more (for `rows` that many). */
export function rowGroupSize(rows: number): number {
  let groups = 1;
  while (rows >= (groups + 1) * (MIN_ROW_GROUP_ROWS + groups * VECTOR_ROWS)) groups++;
  return Math.ceil(rows / groups);
}

/** The row group size of a file of `rows` rows, where it has a row group's rows or more (else undefined). */
export function largeFileRowGroupSize(rows: number): number | undefined {
  return rows < MIN_ROW_GROUP_ROWS ? undefined : rowGroupSize(rows);
}
