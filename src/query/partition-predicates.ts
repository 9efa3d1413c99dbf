// Which partitions a table reference can need, read from the top-level AND-ed conditions of the WHERE of the
// SELECT that names it: `time_dt` against timestamps (Security Lake's eventDay is time_dt's UTC day), `time`
// against epoch milliseconds (the same instant as time_dt), `region` and `accountid` against strings. Anything else, or any doubt, leaves the partition unbounded;
// the conditions still run, so reading more files than needed is only slower, never wrong.

import { isSignificant, type Token, wordOf } from './sql-tokenizer.ts';
import { identifier, type TableReference } from './table-references.ts';

export interface PartitionFilter {
  /** Inclusive `YYYYMMDD` bounds of eventDay; null when unbounded. */
  readonly fromDay: string | null;
  readonly toDay: string | null;
  /** The regions and accounts that can match; null for any. */
  readonly regions: readonly string[] | null;
  readonly accounts: readonly string[] | null;
}

export const UNFILTERED: PartitionFilter = { fromDay: null, toDay: null, regions: null, accounts: null };

const CLAUSE_ENDS = new Set('group having order limit offset fetch window qualify union intersect except'.split(' '));
const DAY_MS = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { second: 1000, minute: 60_000, hour: 3_600_000, day: DAY_MS };

export function partitionFilter(tokens: readonly Token[], reference: TableReference, now: Date): PartitionFilter {
  const all = tokens.map((token, i) => ({ token, i })).filter(({ token }) => isSignificant(token));
  const depths: number[] = [];
  let depth = 0;
  for (const { token } of all) {
    if (token.text === ')') depth--;
    depths.push(depth);
    if (token.text === '(') depth++;
  }
  const at = all.findIndex(({ i }) => i === reference.start);
  const level = depths[at] ?? 0;
  const sameLevel = (j: number) => depths[j] === level;
  let select = at;
  while (
    select >= 0 &&
    (depths[select] ?? 0) >= level &&
    !(sameLevel(select) && wordOf(all[select]?.token) === 'select')
  )
    select--;
  if (select < 0 || (depths[select] ?? 0) < level) return UNFILTERED;
  let end = at;
  while (
    end < all.length &&
    (depths[end] ?? 0) >= level &&
    !(sameLevel(end) && CLAUSE_ENDS.has(wordOf(all[end]?.token) ?? ''))
  )
    end++;
  const where = all.findIndex((entry, j) => j > select && j < end && sameLevel(j) && wordOf(entry.token) === 'where');
  if (where === -1) return UNFILTERED;
  const from = all.findIndex((entry, j) => j > select && sameLevel(j) && wordOf(entry.token) === 'from');
  const relations =
    all.filter(
      (entry, j) =>
        j > from && j < where && sameLevel(j) && (entry.token.text === ',' || wordOf(entry.token) === 'join'),
    ).length + 1;
  const applies = (qualifier: string | null) =>
    qualifier === null ? relations === 1 : qualifier === reference.qualifier || qualifier === reference.table;
  return conjuncts(
    all.slice(where + 1, end).map(({ token }) => token),
    depths.slice(where + 1, end),
    level,
  ).reduce((filter, conjunct) => narrow(filter, conjunct, applies, now), UNFILTERED);
}

/** Splits at AND at the WHERE's own level, except the AND of a BETWEEN. */
function conjuncts(tokens: readonly Token[], depths: readonly number[], level: number): Token[][] {
  const parts: Token[][] = [[]];
  let between = false;
  tokens.forEach((token, j) => {
    const word = depths[j] === level ? wordOf(token) : null;
    if (word === 'between') between = true;
    if (word === 'and' && !between) parts.push([]);
    else (parts.at(-1) as Token[]).push(token);
    if (word === 'and') between = false;
  });
  return parts.map(unwrap);
}

function unwrap(tokens: Token[]): Token[] {
  let open = 0;
  const closesAtEnd = tokens.every((token, j) => {
    if (token.text === '(') open++;
    if (token.text === ')') open--;
    return open > 0 || j === tokens.length - 1;
  });
  return tokens[0]?.text === '(' && closesAtEnd ? unwrap(tokens.slice(1, -1)) : tokens;
}

type Applies = (qualifier: string | null) => boolean;

function narrow(filter: PartitionFilter, conjunct: readonly Token[], applies: Applies, now: Date): PartitionFilter {
  const column = columnAt(conjunct);
  if (column === null || !applies(column.qualifier) || hasTopLevelOr(conjunct)) return filter;
  const rest = conjunct.slice(column.length);
  const operator = rest[0]?.text.toLowerCase() ?? '';
  if (column.name === 'time_dt') return narrowDays(filter, operator, rest.slice(1), (v, slack) => day(v, now, slack));
  if (column.name === 'time') return narrowDays(filter, operator, rest.slice(1), epochDay);
  const values = strings(operator, rest.slice(1));
  if (values === null || (column.name !== 'region' && column.name !== 'accountid')) return filter;
  const key = column.name === 'region' ? 'regions' : 'accounts';
  const known = filter[key];
  return { ...filter, [key]: known === null ? values : known.filter((value) => values.includes(value)) };
}

/** The UTC day of a bound's tokens; `slackMs` widens an upper bound read from the clock. */
type DayOf = (value: readonly Token[], slackMs: number) => string | null;

function narrowDays(filter: PartitionFilter, operator: string, rest: readonly Token[], day: DayOf): PartitionFilter {
  const betweenAnd = rest.findIndex((token) => wordOf(token) === 'and');
  const [low, high] =
    operator === 'between'
      ? [day(rest.slice(0, betweenAnd), 0), day(rest.slice(betweenAnd + 1), DAY_MS)]
      : operator === '='
        ? [day(rest, 0), day(rest, DAY_MS)]
        : operator === '>' || operator === '>='
          ? [day(rest, 0), null]
          : operator === '<' || operator === '<='
            ? [null, day(rest, DAY_MS)]
            : [null, null];
  return {
    ...filter,
    fromDay: low === null || (filter.fromDay !== null && filter.fromDay > low) ? filter.fromDay : low,
    toDay: high === null || (filter.toDay !== null && filter.toDay < high) ? filter.toDay : high,
  };
}

/**
 * The UTC day of a timestamp value: `TIMESTAMP '…'`, `DATE '…'`, or `CURRENT_TIMESTAMP [± INTERVAL 'n' unit]`.
 * The query reads CURRENT_TIMESTAMP a moment after this does, so an upper bound taken from it gets `slackMs`.
 */
function day(value: readonly Token[], now: Date, slackMs: number): string | null {
  const [first, second, ...rest] = value;
  const literal = /^'(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]*)?'$/.exec(second?.text ?? '');
  if ((wordOf(first) === 'timestamp' || wordOf(first) === 'date') && literal !== null && rest.length === 0) {
    return `${literal[1]}${literal[2]}${literal[3]}`;
  }
  if (wordOf(first) !== 'current_timestamp') return null;
  if (second === undefined) return isoDay(now.getTime() + slackMs);
  const amount = /^'(\d+)'$/.exec(rest[1]?.text ?? '');
  const unit = UNIT_MS[(wordOf(rest[2]) ?? '').replace(/s$/, '')];
  if (wordOf(rest[0]) !== 'interval' || amount === null || unit === undefined || rest.length !== 3) return null;
  const sign = second.text === '-' ? -1 : second.text === '+' ? 1 : Number.NaN;
  return Number.isNaN(sign) ? null : isoDay(now.getTime() + sign * Number(amount[1]) * unit + slackMs);
}

/** The UTC day of a bare integer of epoch milliseconds, as the detection rules and investigations bound `time`. */
function epochDay(value: readonly Token[]): string | null {
  const [only, ...rest] = value;
  if (only?.kind !== 'number' || rest.length > 0 || !/^\d{1,16}$/.test(only.text)) return null;
  const ms = Number(only.text);
  return ms <= MAX_DATE_MS ? isoDay(ms) : null;
}

/** The last instant a JavaScript Date can hold; a larger bound (an open window's end) prunes nothing. */
const MAX_DATE_MS = 8.64e15;

function hasTopLevelOr(tokens: readonly Token[]): boolean {
  let open = 0;
  return tokens.some((token) => {
    if (token.text === '(') open++;
    if (token.text === ')') open--;
    return open === 0 && wordOf(token) === 'or';
  });
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}

/** `= 'a'` or `IN ('a', 'b')`: the strings the column can equal; null for anything else. */
function strings(operator: string, rest: readonly Token[]): string[] | null {
  const literals = operator === '=' ? rest : operator === 'in' ? rest.slice(1, -1).filter((t) => t.text !== ',') : [];
  if (literals.length === 0 || !literals.every((token) => token.kind === 'string')) return null;
  if (operator === 'in' && (rest[0]?.text !== '(' || rest.at(-1)?.text !== ')')) return null;
  return literals.map((token) => token.text.slice(1, -1).replaceAll("''", "'"));
}

/** A column named at the start of a condition, `name` or `qualifier.name`. */
function columnAt(tokens: readonly Token[]): { qualifier: string | null; name: string; length: number } | null {
  const [a, dot, b] = tokens;
  if (dot?.text === '.' && identifier(a) !== null && identifier(b) !== null) {
    return { qualifier: identifier(a), name: identifier(b) as string, length: 3 };
  }
  return identifier(a) === null ? null : { qualifier: null, name: identifier(a) as string, length: 1 };
}
