// The query's time_dt range, as the timeline's brush sets it: an existing BETWEEN on time_dt is replaced;
// otherwise one is added to the WHERE clause (around the old condition, so an OR in it keeps its meaning).

const RANGE = /time_dt\s+BETWEEN\s+TIMESTAMP\s+'[^']*'\s+AND\s+TIMESTAMP\s+'[^']*'/i;
const TAIL = /\b(GROUP\s+BY|ORDER\s+BY|LIMIT|HAVING)\b|;\s*$/i;

export function withTimeRange(sql: string, from: string, to: string): string {
  const range = `time_dt BETWEEN TIMESTAMP '${from}' AND TIMESTAMP '${to}'`;
  if (RANGE.test(sql)) return sql.replace(RANGE, range);
  const where = /\bWHERE\b/i.exec(sql);
  if (where) {
    const start = where.index + where[0].length;
    const rest = sql.slice(start);
    const end = TAIL.exec(rest)?.index ?? rest.length;
    return `${sql.slice(0, start)} ${range} AND (${rest.slice(0, end).trim()})${rest.slice(end) ? `\n${rest.slice(end)}` : ''}`;
  }
  const tail = TAIL.exec(sql)?.index ?? sql.length;
  return `${sql.slice(0, tail).trimEnd()}\nWHERE ${range}${sql.slice(tail) ? `\n${sql.slice(tail)}` : ''}`;
}

/** `2024-03-10 09:15:00.000` from epoch milliseconds, as Athena writes a TIMESTAMP literal. */
export function timestampText(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function parseTimestamp(text: string): number {
  return Date.parse(`${text.replace(' ', 'T').replace(/ UTC$/, '')}Z`);
}
