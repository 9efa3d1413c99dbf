// Side effects of the CLI, passed in so that tests run commands silently and read what they printed.

import { createInterface } from 'node:readline/promises';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal, which is when progress is drawn. */
  readonly interactive: boolean;
  /** Ctrl-C: long commands listen to this to cancel cleanly. */
  readonly signal?: AbortSignal;
  /** Asks the person at the terminal and returns the line typed; absent when stdin is not a terminal. */
  readonly ask?: (question: string) => Promise<string>;
  /** Resolves once what was written to stdout has been taken by the reader, so a large result is streamed. */
  readonly drain?: () => Promise<void>;
  /** The terminal's width when stdout is a terminal: tables are cut to it. */
  readonly columns?: number;
}

export function processIO(): CliIO {
  endQuietlyOnClosedPipe();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
    ...(process.stdout.isTTY === true ? { columns: process.stdout.columns } : {}),
    drain: () =>
      process.stdout.writableNeedDrain
        ? new Promise((resolve) => process.stdout.once('drain', resolve))
        : Promise.resolve(),
    ...(process.stdin.isTTY === true ? { ask: askOnTerminal } : {}),
  };
}

/** `tarn query … | head`: when the reader stops reading, Tarn stops too, without a stack trace (as `cat` does). */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

async function askOnTerminal(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

export function collectingIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false };
}
