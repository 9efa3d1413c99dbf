// The query's time_dt range, as the timeline's brush sets it: a time_dt BETWEEN the brush set before is
// replaced; otherwise one is added to the outer query's WHERE clause (around the old condition, so an OR in it
// keeps its meaning). Keywords count only outside strings, quoted names, comments and parentheses, so a
// subquery's WHERE or a 'LIMIT' in a string is left alone.

const RANGE = /time_dt\s+BETWEEN\s+TIMESTAMP\s+'[^']*'\s+AND\s+TIMESTAMP\s+'[^']*'/i;
/** What ends a WHERE clause, or the FROM clause of a query without one. */
const CLAUSE_END = /^(GROUP\s+BY|ORDER\s+BY|HAVING|LIMIT|OFFSET|FETCH|WINDOW|UNION|INTERSECT|EXCEPT)\b/i;

/** The offsets of the outer query's WHERE and of what ends its clause (the text's end when nothing does). */
function outerClauses(sql: string): { where: number | null; end: number } {
  let depth = 0;
  let where: number | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (ch === "'" || ch === '"') {
      const close = sql.indexOf(ch, i + 1);
      i = close < 0 ? sql.length : close;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const close = sql.indexOf('\n', i);
      i = close < 0 ? sql.length : close;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 1;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ';' && depth === 0) return { where, end: i };
    else if (depth === 0 && /\w/.test(ch) && !/\w/.test(sql[i - 1] ?? ' ')) {
      const rest = sql.slice(i);
      if (/^WHERE\b/i.test(rest) && where === null) where = i;
      else if (CLAUSE_END.test(rest)) return { where, end: i };
    }
  }
  return { where, end: sql.length };
}

export function withTimeRange(sql: string, from: string, to: string): string {
  const range = `time_dt BETWEEN TIMESTAMP '${from}' AND TIMESTAMP '${to}'`;
  if (RANGE.test(sql)) return sql.replace(RANGE, range);
  const { where, end } = outerClauses(sql);
  const head = sql.slice(0, where ?? end).trimEnd();
  const tail = sql.slice(end).trim();
  const condition = where === null ? '' : sql.slice(where + 'WHERE'.length, end).trim();
  const clause = condition ? `WHERE ${range} AND (${condition})` : `WHERE ${range}`;
  return `${head}\n${clause}${tail ? `\n${tail}` : ''}`;
}

/** `2024-03-10 09:15:00.000` from epoch milliseconds, as Athena writes a TIMESTAMP literal. */
export function timestampText(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Epoch milliseconds from a timestamp as results show it: the query service's `2024-03-10 09:15:00.000`
 * (UTC, with or without ` UTC`) or an investigation's ISO-8601 `2024-03-10T09:15:00.000Z`; NaN otherwise.
 */
export function parseTimestamp(text: string): number {
  const iso = text.trim().replace(/ UTC$/, '').replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return Number.NaN;
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
}
