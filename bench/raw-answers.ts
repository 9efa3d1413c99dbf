// A raw question as the commands that answer it over a `tarn scenario generate` folder, as delivered: DuckDB
// SQL reading the `.json.gz` files by glob, and a shell pipeline of find, gunzip and jq. Both print or return
// the rows, so what is counted is what each tool answered.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RawQuestion } from './raw-questions.ts';

/** `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<file>.json.gz` */
const CLOUDTRAIL = {
  glob: 'AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz',
  path: '*/AWSLogs/*/CloudTrail/*',
  name: '*.json.gz',
};
/** `securityhub/<account>/<region>/YYYY/MM/DD/findings-<HH>.jsonl.gz`: EventBridge events, one a line. */
const FINDINGS = {
  glob: 'securityhub/*/*/*/*/*/findings-*.jsonl.gz',
  path: '*/securityhub/*',
  name: 'findings-*.jsonl.gz',
};

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;
const shellWord = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export function duckdbSql(question: RawQuestion, rawDir: string): string {
  const from =
    question.input === 'cloudtrail'
      ? `(SELECT unnest(Records) AS r FROM read_json(${sqlText(join(rawDir, CLOUDTRAIL.glob))}, maximum_object_size = 1073741824, columns = {'Records': 'JSON[]'}))`
      : `(SELECT unnest(detail.findings) AS r FROM read_json(${sqlText(join(rawDir, FINDINGS.glob))}, format = 'newline_delimited', columns = {'detail': 'STRUCT(findings JSON[])'}))`;
  const what = question.distinct ? `DISTINCT ${question.distinct.sql}` : 'r';
  return `SELECT ${what} FROM ${from} WHERE ${question.sql}`;
}

/** A bash command printing the answer's row count: every matching record (or distinct value), one a line, counted. */
export function jqCommand(question: RawQuestion, rawDir: string): string {
  const files = question.input === 'cloudtrail' ? CLOUDTRAIL : FINDINGS;
  const each = question.input === 'cloudtrail' ? '.Records[]' : '.detail.findings[]';
  const program = `${each} | select(${question.jq})${question.distinct ? ` | ${question.distinct.jq}` : ''}`;
  return [
    `find ${shellWord(rawDir)} -path ${shellWord(files.path)} -name ${shellWord(files.name)} -print0`,
    'xargs -0 gunzip -c',
    `jq -c ${shellWord(program)}`,
    ...(question.distinct ? ['sort -u'] : []),
    'wc -l',
  ].join(' | ');
}

export async function duckdbRows(connection: DuckDBConnection, question: RawQuestion, rawDir: string): Promise<number> {
  return (await connection.runAndReadAll(duckdbSql(question, rawDir))).getRows().length;
}

/** The argv that runs a jq command with every stage's failure failing it. */
export function jqArgv(command: string): string[] {
  return ['bash', '-o', 'pipefail', '-c', command];
}

/** The count a jq command printed; throws with its error output when a stage failed. */
export function jqRows(output: { status: number | null; stdout: string; stderr: string }): number {
  const count = Number(output.stdout.trim());
  if (output.status !== 0 || !Number.isInteger(count)) {
    throw new Error(`jq pipeline failed (exit ${output.status}): ${output.stderr.trim().slice(-500)}`);
  }
  return count;
}

export function runJq(question: RawQuestion, rawDir: string): number {
  const [file, ...args] = jqArgv(jqCommand(question, rawDir));
  return jqRows(spawnSync(file as string, args, { encoding: 'utf8' }));
}
