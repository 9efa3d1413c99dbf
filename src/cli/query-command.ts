// `tarn query [--lake DIR] [--format F] [--max-rows N|all] [--timeout SECONDS] [--memory-limit SIZE] [--explain] SQL`

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout } from 'node:timers/promises';
import {
  openQueryEngine,
  QueryError,
  type QueryResult,
  RESULT_FORMATS,
  type ResultFormat,
  resultChunks,
} from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION, maxRowsOption, type ParsedArgs, stringOption } from './command.ts';
import { AWS_CLIENT_OPTIONS, AWS_CLIENT_USAGE, awsClientConfig } from './s3-client-option.ts';

/** CSV and JSON lines have no place to say they were cut, so a cut one exits with this code (and says so on stderr). */
export const TRUNCATED_EXIT = 3;

export const queryCommand: Command = {
  name: 'query',
  summary: 'run Athena SQL against the lake (read-only)',
  usage: `Usage: tarn query [--lake DIR] [--format table|csv|json|jsonl|markdown|html] [--max-rows N|all] [--timeout SECONDS]
                  [--memory-limit SIZE] [--wide] [--vertical] [--explain] SQL

  SQL is written as for Amazon Athena over Security Lake, e.g.
    tarn query "SELECT api.operation, count(*) FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 GROUP BY 1"
  SQL may also be read from a file with --file FILE, or from standard input with -. Times are UTC.

  --lake DIR           the lake (default ./lake, or $TARN_LAKE)
  --format F           table (default; numbers right-aligned, cut to the terminal's width), csv, json
                       ({"columns": [...], "truncated": false, "rows": [[...], ...]}), jsonl (one row array a
                       line), markdown (a table for a ticket) or html (one self-contained page)
  --max-rows N|all     rows to return at most (default 10000); all for every row. A table, JSON, Markdown and
                       HTML say when rows were cut; a cut CSV or jsonl exits ${TRUNCATED_EXIT} and says so on stderr
  --timeout SECONDS    stop the query after this long (default 60); on Athena too (StopQueryExecution)
  --memory-limit SIZE  the most memory the query may use, such as 2GB (default: DuckDB's, 80% of RAM)
  --wide               do not cut table cells to the terminal's width
  --vertical           one "column | value" line per cell, a block per row (as psql's \\x), for SELECT * and DESCRIBE
  --file FILE          read the SQL from FILE
  --explain            print the DuckDB SQL the query becomes and the files it will read, instead of running it
  Ctrl-C cancels the running query (on Athena too).

  --engine athena      run the SQL on Amazon Athena instead (tables registered with tarn catalog register, or
                       Security Lake's own), printed in the same formats, with the options below
  --workgroup W        with --engine athena: the Athena workgroup (default primary)
  --output URI         with --engine athena: where Athena writes results, s3://… (default: the workgroup's)
  --database NAME      with --engine athena: the database (default: that of the first table named)
${AWS_CLIENT_USAGE}`,
  options: {
    ...LAKE_OPTION,
    format: { type: 'string', default: 'table' },
    'max-rows': { type: 'string', default: '10000' },
    timeout: { type: 'string', default: '60' },
    'memory-limit': { type: 'string' },
    file: { type: 'string' },
    wide: { type: 'boolean', default: false },
    vertical: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'local' },
    workgroup: { type: 'string', default: 'primary' },
    output: { type: 'string' },
    database: { type: 'string' },
    ...AWS_CLIENT_OPTIONS,
  },
  async run(args, io) {
    const format = stringOption(args, 'format') as ResultFormat;
    if (!RESULT_FORMATS.includes(format))
      throw new TarnError(`--format must be one of ${RESULT_FORMATS.join(', ')}`, 2);
    const maxRows = maxRowsOption(args);
    const timeout = Number(stringOption(args, 'timeout'));
    if (!(timeout > 0)) throw new TarnError('--timeout takes a number of seconds greater than 0', 2);
    const sql = await readSql(stringOption(args, 'file'), args.positionals);
    const engineName = stringOption(args, 'engine');
    if (engineName !== 'local' && engineName !== 'athena') throw new TarnError('--engine must be local or athena', 2);
    if (engineName === 'athena') {
      const result = await runAthena(args, sql, { timeoutMs: timeout * 1000, maxRows });
      if (result === null) {
        io.stderr('Query cancelled\n');
        return 130;
      }
      await printResult(result, format, args, io);
      return cutSilently(result, format) ? truncated(result, io) : 0;
    }
    const memoryLimit = stringOption(args, 'memory-limit');
    const engine = await openQueryEngine({
      lakeDir: existingLake(args),
      timeoutMs: timeout * 1000,
      ...(memoryLimit === undefined ? {} : { memoryLimit }),
    });
    const cancel = () => engine.cancel();
    process.once('SIGINT', cancel);
    try {
      if (args.values.explain === true) {
        const plan = await engine.plan(sql);
        io.stdout(
          `${plan.sql}\n\n-- files read (${plan.files.length}):\n${plan.files.map((file) => `--   ${file}\n`).join('')}`,
        );
        return 0;
      }
      const result = await engine.run(sql, maxRows === undefined ? {} : { maxRows }).catch((error: unknown) => {
        if (error instanceof QueryError && error.kind === 'cancelled') return null;
        throw error;
      });
      if (result === null) {
        io.stderr('Query cancelled\n');
        return 130;
      }
      for (const note of result.notes ?? []) io.stderr(`note: ${note}\n`);
      await printResult(result, format, args, io);
      return cutSilently(result, format) ? truncated(result, io) : 0;
    } finally {
      process.removeListener('SIGINT', cancel);
      await engine.close();
    }
  },
};

/** The query's result, or null when Ctrl-C cancelled it (it is then stopped on Athena too). */
async function runAthena(
  args: ParsedArgs,
  sql: string,
  { timeoutMs, maxRows }: { readonly timeoutMs: number; readonly maxRows: number | undefined },
): Promise<QueryResult | null> {
  const { AthenaClient } = await import('@aws-sdk/client-athena');
  const { runOnAthena, securityLakeDatabase } = await import('../query/athena-query.ts');
  const output = stringOption(args, 'output');
  if (output !== undefined && !output.startsWith('s3://')) throw new TarnError('--output takes s3://bucket/prefix', 2);
  const database = stringOption(args, 'database') ?? securityLakeDatabase(sql);
  const client = new AthenaClient(awsClientConfig(args, 'athena'));
  const cancel = new AbortController();
  const onSigint = () => cancel.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runOnAthena(client, sql, {
      workgroup: stringOption(args, 'workgroup') ?? 'primary',
      ...(output === undefined ? {} : { output }),
      ...(database === undefined ? {} : { database }),
      ...(maxRows === undefined ? {} : { maxRows }),
      timeoutMs,
      signal: cancel.signal,
      sleep: (ms) => setTimeout(ms, undefined, { signal: cancel.signal }).catch(() => undefined),
    }).catch((error: unknown) => {
      if (error instanceof QueryError && error.kind === 'cancelled') return null;
      throw error;
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    client.destroy();
  }
}

function printResult(result: QueryResult, format: ResultFormat, args: ParsedArgs, io: CliIO): Promise<void> {
  const layout = args.values.wide === true ? {} : { width: io.columns };
  return print(result, format, layout, args.values.vertical === true, io);
}

/** True when the result was cut and the format has no place to say so. */
function cutSilently(result: QueryResult, format: ResultFormat): boolean {
  return result.truncated && (format === 'csv' || format === 'jsonl');
}

function truncated(result: QueryResult, io: CliIO): number {
  io.stderr(`tarn query: only the first ${result.rows.length} rows were written; --max-rows all writes every row\n`);
  return TRUNCATED_EXIT;
}

/** Row by row, waiting for the reader when it is slower, so a large export never builds one huge string. */
async function print(
  result: QueryResult,
  format: ResultFormat,
  { width }: { width?: number | undefined },
  vertical: boolean,
  io: CliIO,
): Promise<void> {
  for (const chunk of resultChunks(result, format, { ...(width === undefined ? {} : { width }), vertical })) {
    io.stdout(chunk);
    await io.drain?.();
  }
}

async function readSql(file: string | undefined, positionals: readonly string[]): Promise<string> {
  if (file) return readFile(file, 'utf8');
  if (positionals.length === 1 && positionals[0] === '-') return readFileSync(0, 'utf8');
  if (positionals.length === 0) throw new TarnError('give the SQL to run (or --file FILE, or - for stdin)', 2);
  return positionals.join(' ');
}
