// `tarn ARGS` run in process, as the shell would run it, for the CLI tests: the exit code and what it printed.

import { type CliIO, collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';

export interface TarnRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function tarn(...argv: string[]): Promise<TarnRun> {
  return tarnWith({}, ...argv);
}

/** The same, with parts of the IO given: a terminal's width, a Ctrl-C signal, answers typed at a prompt. */
export async function tarnWith(io: Partial<Omit<CliIO, 'stdout' | 'stderr'>>, ...argv: string[]): Promise<TarnRun> {
  const collected = collectingIO();
  const code = await runCli(argv, { ...collected, ...io });
  return { code, out: collected.out.join(''), err: collected.err.join('') };
}
