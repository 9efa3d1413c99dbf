// Parses the command line, runs one command, and turns errors into output in one place.

import { parseArgs } from 'node:util';
import { TarnError } from '../tarn-error.ts';
import { caseCommand } from './case-command.ts';
import type { CliIO } from './cli-io.ts';
import type { Command } from './command.ts';
import { containCommand } from './contain-command.ts';
import { demoCommand } from './demo-command.ts';
import { detectCommand } from './detect-command.ts';
import { ingestCommand } from './ingest-command.ts';
import { investigateCommand } from './investigate-command.ts';
import { queryCommand } from './query-command.ts';
import { scenarioCommand } from './scenario-command.ts';
import { serveCommand } from './serve-command.ts';
import { sourceCommand } from './source-command.ts';
import { sourcesCommand } from './sources-command.ts';
import { timelineCommand } from './timeline-command.ts';

export const COMMANDS: readonly Command[] = [
  ingestCommand,
  queryCommand,
  sourcesCommand,
  sourceCommand,
  scenarioCommand,
  demoCommand,
  caseCommand,
  investigateCommand,
  containCommand,
  timelineCommand,
  detectCommand,
  serveCommand,
];

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`tarn: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
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
      io.stderr(`tarn ${command.name}: ${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
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
    'Run `tarn <command> --help` for a command’s options. The lake defaults to ./lake (or $TARN_LAKE).',
    '',
  ].join('\n');
}
