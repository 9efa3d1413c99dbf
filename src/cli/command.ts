// A CLI command: its name, its help, the options node's parseArgs reads, and the one function it runs.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { TarnError } from '../tarn-error.ts';
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

/**
 * The lake a reading command opens: a mistyped path must say so, not show an empty lake. A lake is a folder
 * with Tarn's `_tarn/` records (a ledger once something was ingested, a config once a source was added, the
 * attachments once a Security Lake copy was attached).
 */
export function existingLake(args: ParsedArgs): string {
  const lakeDir = stringOption(args, 'lake') ?? './lake';
  if (!existsSync(lakeDir)) {
    throw new TarnError(`no lake at ${lakeDir}: the folder does not exist (give --lake DIR or set TARN_LAKE)`, 2);
  }
  if (!['ledger.json', 'config.json', 'attachments.json'].some((file) => existsSync(join(lakeDir, '_tarn', file)))) {
    throw new TarnError(
      `${lakeDir} is not a Tarn lake: it has no _tarn/ledger.json (ingest into it first, or give --lake DIR)`,
      2,
    );
  }
  return lakeDir;
}

/** `--format F`, one of those the command writes, checked before any work. */
export function chosenFormat<T extends string>(args: ParsedArgs, formats: readonly T[]): T {
  const format = stringOption(args, 'format') as T;
  if (!formats.includes(format)) throw new TarnError(`--format must be one of ${formats.join(', ')}`, 2);
  return format;
}

/** `--max-rows N` or `all`: a count of at least 1, or undefined for no limit. */
export function maxRowsOption(args: ParsedArgs): number | undefined {
  const text = stringOption(args, 'max-rows') ?? 'all';
  if (text === 'all') return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new TarnError(`--max-rows takes a whole number of at least 1, or all; not "${text}"`, 2);
  }
  return value;
}
