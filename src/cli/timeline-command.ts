// `tarn timeline --principal … --format csv|jsonl|…`: the principal's events, and those of everything it
// created, as a timeline to import into Timesketch (CSV or JSON lines), or to read as a table.

import { TIMELINE_COLUMNS, timelineRows } from '../respond/investigation/index.ts';
import type { Command } from './command.ts';
import { investigatePrincipal, PRINCIPAL_OPTIONS, PRINCIPAL_USAGE } from './investigate-command.ts';
import { LISTING_OPTIONS, listingFormat, listingResult, listingText } from './listing-output.ts';

export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'a principal’s events (and those of what it created) as a Timesketch timeline',
  usage: `Usage: tarn timeline --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR]
                     [--format csv|jsonl|json|table|markdown|html] [--wide]

${PRINCIPAL_USAGE}
  --format F     csv (default) or jsonl (one event a line), as Timesketch imports them; json (an array),
                 table (cut to the terminal's width), markdown or html (one self-contained page)
  --wide         do not cut table cells to the terminal's width`,
  options: { ...PRINCIPAL_OPTIONS, ...LISTING_OPTIONS, format: { type: 'string', default: 'csv' } },
  async run(args, io) {
    const format = listingFormat(args);
    const { events } = await investigatePrincipal(args, io);
    const rows = timelineRows(events);
    const result = listingResult(
      TIMELINE_COLUMNS.map((column) => [column, 'varchar'] as const),
      rows.map((row) => TIMELINE_COLUMNS.map((column) => row[column])),
    );
    io.stdout(listingText({ result, json: rows, lines: rows, title: 'Tarn timeline' }, format, args, io));
    return 0;
  },
};
