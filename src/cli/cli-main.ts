// Parses the command line, runs one command, and turns errors into output in one place.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { didYouMean } from '../closest-name.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import type { Command } from './command.ts';
import { type CommandEntry, lazyCommand } from './command-entry.ts';
import { commandHelp } from './command-help.ts';

/** One entry per command; its module is imported only when the command runs or its help is shown. */
export const COMMANDS: readonly CommandEntry[] = [
  lazyCommand(
    'ingest',
    'read raw AWS logs (files or folders) into the lake as OCSF Parquet',
    () => import('./ingest-command.ts'),
  ),
  lazyCommand('query', 'run Athena SQL against the lake (read-only)', () => import('./query-command.ts')),
  lazyCommand(
    'sources',
    'list every source with its rows, time range, accounts, regions and files',
    () => import('./sources-command.ts'),
  ),
  lazyCommand(
    'source',
    'register custom OCSF sources (add, list, remove) for tarn ingest --source',
    () => import('./source-command.ts'),
  ),
  lazyCommand(
    'scenario',
    'generate a synthetic organization’s raw AWS logs with the reference incident hidden in them',
    () => import('./scenario-command.ts'),
  ),
  lazyCommand(
    'demo',
    'generate a synthetic organization, ingest it, and walk the reference incident',
    () => import('./demo-command.ts'),
  ),
  lazyCommand(
    'case',
    'keep an investigation’s evidence: queries, results, notes and files in a hash-chained log',
    () => import('./case-command.ts'),
  ),
  lazyCommand(
    'investigate',
    'what a principal did, created and touched, its findings, and the containment and recovery plans',
    () => import('./investigate-command.ts'),
  ),
  lazyCommand(
    'contain',
    'the containment and recovery plan for a principal; --execute sends it through the AWS SDK',
    () => import('./contain-command.ts'),
  ),
  lazyCommand(
    'timeline',
    'a principal’s events (and those of what it created) as a Timesketch timeline',
    () => import('./timeline-command.ts'),
  ),
  lazyCommand(
    'detect',
    'run the detection rules (IAM persistence, log tampering, S3 destruction, …) over the lake',
    () => import('./detect-command.ts'),
  ),
  lazyCommand(
    'serve',
    'serve the web console (query editor, schema, investigations, detections, cases) and its API',
    () => import('./serve-command.ts'),
  ),
  lazyCommand('rules', 'list the detection rules, or run their inline tests', () => import('./rules-command.ts')),
  lazyCommand(
    'watch',
    'ingest the log files that arrive in a folder and alert on new detections, until Ctrl-C',
    () => import('./watch-command.ts'),
  ),
  lazyCommand(
    'notify',
    "deliver the alerts waiting in the lake's outbox (webhook, e-mail, stdout), or list them",
    () => import('./notify-command.ts'),
  ),
  lazyCommand(
    'compact',
    "merge each partition's small Parquet files into files of up to about 256 MB, in one commit",
    () => import('./compact-command.ts'),
  ),
  lazyCommand(
    'verify',
    'check every data file against the ledger: present, same size and SHA-256, rows, nothing extra',
    () => import('./verify-command.ts'),
  ),
  lazyCommand(
    'retain',
    'remove whole partitions older than N days, in one commit recorded in the ledger',
    () => import('./retain-command.ts'),
  ),
  lazyCommand(
    'catalog',
    'print the DDL that registers the lake’s tables in Athena, Trino or Spark, or register them in Glue',
    () => import('./catalog-command.ts'),
  ),
  lazyCommand(
    'attach',
    'make a Security Lake bucket, or its copy, queryable in place (no ingest)',
    () => import('./attach-command.ts'),
  ),
  lazyCommand(
    'push',
    'copy the lake’s committed files and a manifest to S3 (only what is missing)',
    () => import('./push-command.ts'),
  ),
];

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const asked = name === 'help' ? rest[0] : undefined;
    if (asked !== undefined) return runCli([asked, '--help'], io);
    io.stdout(mainHelp());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`tarn ${version()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const hint = didYouMean(
      name,
      COMMANDS.map((c) => c.name),
      (n) => `tarn ${n}`,
    );
    io.stderr(`tarn: unknown command "${name}"${hint}\n\n${mainHelp()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(
      commandHelp(
        command,
        rest.find((arg) => !arg.startsWith('-')),
      ),
    );
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: withDashValues(rest, command),
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    return await command.run({ values, positionals }, io);
  } catch (error) {
    if (error instanceof TarnError) {
      io.stderr(`tarn ${command.name}: ${error.message}\n`);
      return error.exitCode;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`tarn ${command.name}: ${argumentMessage(error as Error, command)}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * `--from -7d`: node's parseArgs takes a value that starts with a dash for an option of its own, so a string
 * option followed by `-` and a digit (a time before now, a negative number) is given as `--from=-7d`.
 */
function withDashValues(args: readonly string[], command: Command): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const option = arg.startsWith('--') ? command.options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** node's parseArgs names the unknown option; the nearest one the command has is offered. */
function argumentMessage(error: Error, command: Command): string {
  const unknown = /Unknown option '(--?[^']+)'/.exec(error.message)?.[1];
  if (unknown === undefined) return error.message;
  const hint = didYouMean(unknown.replace(/^--?/, ''), Object.keys(command.options), (n) => `--${n}`);
  return `unknown option ${unknown}${hint || ` (tarn ${command.name} --help lists the options)`}`;
}

function version(): string {
  // The same two folders up from src/cli/ and from dist/cli/.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'tarn: a security data lake for incident response (raw AWS logs → OCSF 1.1 → Athena SQL)',
    '',
    'Usage: tarn <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `tarn <command> --help` for a command’s options and their defaults; `tarn --version` for the version.',
    'The lake defaults to ./lake (or $TARN_LAKE).',
    '',
  ].join('\n');
}
