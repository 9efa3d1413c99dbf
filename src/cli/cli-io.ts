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
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
    ...(process.stdin.isTTY === true ? { ask: askOnTerminal } : {}),
  };
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
