// `tarn timeline --principal … --format csv|jsonl`: the principal's events, and those of everything it
// created, as a timeline to import into Timesketch.

import { timelineCsv, timelineJsonl, timelineRows } from '../respond/investigation/index.ts';
import type { Command } from './command.ts';
import { chosenFormat, investigatePrincipal, PRINCIPAL_OPTIONS, PRINCIPAL_USAGE } from './investigate-command.ts';

const FORMATS = ['csv', 'jsonl'] as const;

export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'a principal’s events (and those of what it created) as a Timesketch timeline',
  usage: `Usage: tarn timeline --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format csv|jsonl]

${PRINCIPAL_USAGE}
  --format F     csv (default) or jsonl`,
  options: { ...PRINCIPAL_OPTIONS, format: { type: 'string', default: 'csv' } },
  async run(args, io) {
    const format = chosenFormat(args, FORMATS);
    const { events } = await investigatePrincipal(args, io);
    const rows = timelineRows(events);
    io.stdout(format === 'csv' ? timelineCsv(rows) : timelineJsonl(rows));
    return 0;
  },
};
