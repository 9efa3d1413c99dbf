// `tarn query [--lake DIR] [--format table|csv|json] [--max-rows N] [--timeout SECONDS] [--memory-limit SIZE] [--explain] SQL`

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { formatResult, openQueryEngine, QueryError, type ResultFormat } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';

const FORMATS: readonly ResultFormat[] = ['table', 'csv', 'json'];

export const queryCommand: Command = {
  name: 'query',
  summary: 'run Athena SQL against the lake (read-only)',
  usage: `Usage: tarn query [--lake DIR] [--format table|csv|json] [--max-rows N] [--timeout SECONDS] [--memory-limit SIZE] [--explain] SQL

  SQL is written as for Amazon Athena over Security Lake, e.g.
    tarn query "SELECT api.operation, count(*) FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 GROUP BY 1"
  SQL may also be read from a file with --file FILE, or from standard input with -.

  --memory-limit SIZE  the most memory the query may use, such as 2GB
  --explain            print the DuckDB SQL the query becomes and the files it will read, instead of running it
  Ctrl-C cancels the running query.`,
  options: {
    ...LAKE_OPTION,
    format: { type: 'string', default: 'table' },
    'max-rows': { type: 'string', default: '10000' },
    timeout: { type: 'string', default: '60' },
    'memory-limit': { type: 'string' },
    file: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
  async run(args, io) {
    const format = stringOption(args, 'format') as ResultFormat;
    if (!FORMATS.includes(format)) throw new TarnError(`--format must be one of ${FORMATS.join(', ')}`, 2);
    const sql = await readSql(stringOption(args, 'file'), args.positionals);
    const memoryLimit = stringOption(args, 'memory-limit');
    const engine = await openQueryEngine({
      lakeDir: existingLake(args),
      timeoutMs: Number(stringOption(args, 'timeout')) * 1000,
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
      const result = await engine
        .run(sql, { maxRows: Number(stringOption(args, 'max-rows')) })
        .catch((error: unknown) => {
          if (error instanceof QueryError && error.kind === 'cancelled') return null;
          throw error;
        });
      if (result === null) {
        io.stderr('Query cancelled\n');
        return 130;
      }
      const text = formatResult(result, format);
      io.stdout(text.endsWith('\n') ? text : `${text}\n`);
      if (result.truncated)
        io.stderr(`(truncated: only the first ${result.rows.length} rows are shown; see --max-rows)\n`);
      return 0;
    } finally {
      process.removeListener('SIGINT', cancel);
      await engine.close();
    }
  },
};

async function readSql(file: string | undefined, positionals: readonly string[]): Promise<string> {
  if (file) return readFile(file, 'utf8');
  if (positionals.length === 1 && positionals[0] === '-') return readFileSync(0, 'utf8');
  if (positionals.length === 0) throw new TarnError('give the SQL to run (or --file FILE, or - for stdin)', 2);
  return positionals.join(' ');
}
