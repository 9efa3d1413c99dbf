// Trino's date and time functions. Units and patterns are read at translation time, so they must be string
// literals, as they are in practice; the session time zone is UTC (set by the engine), as Athena's is.

import { jodaToStrftime, mysqlToStrftime } from './datetime-patterns.ts';
import { type FunctionTranslation, literalArgument, renamed, TranslationError } from './function-translation.ts';

const UNITS = new Set(['millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);

function unit(functionName: string, arg: string | undefined): string {
  const text = literalArgument(functionName, arg).toLowerCase();
  if (!UNITS.has(text)) throw new TranslationError(`'${text}' is not a valid Time field`);
  return text;
}

const patternString = (pattern: string) => `'${pattern.replaceAll("'", "''")}'`;

export const DATETIME_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  from_iso8601_timestamp: { arity: [1], render: ([text]) => `CAST(${text} AS TIMESTAMPTZ)` },
  from_iso8601_date: { arity: [1], render: ([text]) => `CAST(${text} AS DATE)` },
  from_unixtime: renamed('to_timestamp', 1),
  to_unixtime: renamed('epoch', 1),
  date_add: {
    arity: [3],
    render: ([u, n, ts]) => `(${ts} + INTERVAL (${n}) ${unit('date_add', u).toUpperCase()})`,
  },
  // Trino counts whole units elapsed, as DuckDB's date_sub does; DuckDB's date_diff counts boundaries crossed.
  date_diff: { arity: [3], render: ([u, a, b]) => `date_sub('${unit('date_diff', u)}', ${a}, ${b})` },
  date_format: {
    arity: [2],
    render: ([ts, p]) => `strftime(${ts}, ${patternString(mysqlToStrftime(literalArgument('date_format', p)))})`,
  },
  date_parse: {
    arity: [2],
    render: ([text, p]) => `strptime(${text}, ${patternString(mysqlToStrftime(literalArgument('date_parse', p)))})`,
  },
  format_datetime: {
    arity: [2],
    render: ([ts, p]) => `strftime(${ts}, ${patternString(jodaToStrftime(literalArgument('format_datetime', p)))})`,
  },
  parse_datetime: {
    arity: [2],
    render: ([text, p]) =>
      `CAST(strptime(${text}, ${patternString(jodaToStrftime(literalArgument('parse_datetime', p)))}) AS TIMESTAMPTZ)`,
  },
};
