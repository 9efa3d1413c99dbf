// A command's --help: its usage (only the lines of one action, for `tarn case open --help`) and the
// defaults of its options, taken from the options parseArgs reads so the two cannot disagree.

import type { Command } from './command.ts';

/** Where an option's default comes from the environment, the variable is named beside the value. */
const DEFAULT_SOURCES: Readonly<Record<string, string>> = {
  lake: '$TARN_LAKE',
  cases: '$TARN_CASES',
};

export function commandHelp(command: Command, action: string | undefined): string {
  return `${actionUsage(command, action)}\n${defaultsLine(command)}`;
}

function actionUsage(command: Command, action: string | undefined): string {
  const [synopsis = '', ...body] = command.usage.split('\n\n');
  const lines = synopsis.split('\n').map((line) => line.replace(/^Usage:\s*|^\s+/, ''));
  const own = lines.filter((line) => action !== undefined && line.startsWith(`tarn ${command.name} ${action} `));
  if (own.length === 0) return command.usage;
  return [own.map((line, i) => `${i === 0 ? 'Usage: ' : '       '}${line}`).join('\n'), ...body].join('\n\n');
}

function defaultsLine(command: Command): string {
  const defaults = Object.entries(command.options).flatMap(([name, option]) => {
    if (option.default === undefined || option.default === false) return [];
    const from = DEFAULT_SOURCES[name];
    return [`--${name} ${String(option.default)}${from === undefined ? '' : ` (or ${from})`}`];
  });
  return defaults.length === 0 ? '' : `\n  Defaults: ${defaults.join(', ')}\n`;
}
