// A CLI command: its name, its help, the options node's parseArgs reads, and the one function it runs.

import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from './cli-io.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: OptionSpec;
  /** Returns the process exit code. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

export const LAKE_OPTION: OptionSpec = { lake: { type: 'string', default: process.env.TARN_LAKE ?? './lake' } };

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}
