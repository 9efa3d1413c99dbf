// A command as the command list declares it: its name and one-line summary, and how to load the rest. Only
// the module of the command that runs (or whose help is asked for) is imported, so `tarn --help` and a
// misspelt command answer without loading DuckDB or the AWS SDK.

import type { Command } from './command.ts';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

/**
 * `lazyCommand('query', 'run Athena SQL…', () => import('./query-command.ts'))`: the module must export a
 * `Command` whose `name` is the one given here.
 */
export function lazyCommand(name: string, summary: string, load: () => Promise<object>): CommandEntry {
  return {
    name,
    summary,
    async load() {
      const module = await load();
      const command = Object.values(module).find((value: unknown): value is Command => isCommand(value, name));
      if (command === undefined) throw new Error(`the module of tarn ${name} exports no command named "${name}"`);
      return command;
    },
  };
}

function isCommand(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as Partial<Command>).name === name && 'run' in value;
}
