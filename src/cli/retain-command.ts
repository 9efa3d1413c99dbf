// `tarn retain --days N [--source S] [--lake DIR] [--now YYYY-MM-DD]`

import { retainLake } from '../lake/lake-retention.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';
import { summaryTable, WIDE_OPTION } from './listing-output.ts';
import { formatCount } from './progress-line.ts';

const RETAIN_COLUMNS = [
  ['source', 'varchar'],
  ['region', 'varchar'],
  ['account', 'varchar'],
  ['eventDay', 'varchar'],
  ['files', 'bigint'],
  ['rows', 'bigint'],
] as const;

export const retainCommand: Command = {
  name: 'retain',
  summary: 'remove whole partitions older than N days, in one commit recorded in the ledger',
  usage: `Usage: tarn retain --days N [--source S] [--lake DIR] [--now YYYY-MM-DD] [--wide]

  Removes every partition whose eventDay is more than N days before today (UTC), in one atomic commit that
  the ledger records (what was removed, when); the files are deleted after it. A query sees all of the
  lake before the run or all of it after.

  --days N     keep the last N days: partitions whose eventDay is before today minus N days are removed
  --source S   only this source's partitions: a native source (cloud_trail_mgmt) or a custom source's name
  --now DAY    take DAY as today (for tests and dry reasoning)
  --lake DIR   the lake (default ./lake, or $TARN_LAKE)
  --wide       do not cut the table's cells to the terminal's width`,
  options: {
    ...LAKE_OPTION,
    days: { type: 'string' },
    source: { type: 'string' },
    now: { type: 'string' },
    ...WIDE_OPTION,
  },
  async run(args, io) {
    const lakeDir = existingLake(args);
    const days = Number(stringOption(args, 'days'));
    if (!Number.isInteger(days) || days < 0) throw new TarnError('give --days N, a whole number of days', 2);
    const nowText = stringOption(args, 'now');
    const now = nowText === undefined ? new Date() : new Date(`${nowText}T00:00:00Z`);
    // Date() rolls 2024-02-30 over into March: an impossible day is refused instead.
    if (Number.isNaN(now.getTime()) || (nowText !== undefined && now.toISOString().slice(0, 10) !== nowText))
      throw new TarnError(`--now "${nowText}" is not a day (YYYY-MM-DD)`, 2);
    const result = await retainLake({ lakeDir, days, source: stringOption(args, 'source'), now });
    if (result.seq === null) {
      io.stdout(`nothing to remove: no partition before ${result.before}\n`);
      return 0;
    }
    const rows = result.partitions.map((p) => [
      p.source,
      p.region,
      p.accountId,
      p.eventDay,
      formatCount(p.filesBefore),
      formatCount(p.rows),
    ]);
    io.stdout(
      `${summaryTable(RETAIN_COLUMNS, rows, args, io)}removed ${result.partitions.length} partitions (${formatCount(result.files)} files, ${formatCount(result.rows)} rows) before ${result.before}; ledger position ${result.seq}\n`,
    );
    return 0;
  },
};
