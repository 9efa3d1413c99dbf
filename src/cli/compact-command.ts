// `tarn compact [--lake DIR] [--source S]`

import { type CompactionProgress, compactLake } from '../lake/lake-compaction.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';
import { summaryTable, WIDE_OPTION } from './listing-output.ts';
import { formatCount, progressLine } from './progress-line.ts';

const COMPACT_COLUMNS = [
  ['partition', 'varchar'],
  ['files', 'bigint'],
  ['bytes', 'bigint'],
  ['rows', 'bigint'],
] as const;

export const compactCommand: Command = {
  name: 'compact',
  summary: "merge each partition's small Parquet files into files of up to about 256 MB, in one commit",
  usage: `Usage: tarn compact [--lake DIR] [--source S] [--wide]

  Merges each partition's files smaller than 128 MB into files of up to about 256 MB (zstd, row groups of
  122,880 rows, rows sorted by time), all partitions in one atomic commit; the old files are deleted after it.
  Query answers are the same before and after.

  --source S   only this source's partitions: a native source (cloud_trail_mgmt) or a custom source's name
  --lake DIR   the lake (default ./lake, or $TARN_LAKE)
  --wide       do not cut the table's cells to the terminal's width`,
  options: { ...LAKE_OPTION, source: { type: 'string' }, ...WIDE_OPTION },
  async run(args, io) {
    const lakeDir = existingLake(args);
    const progress = progressLine(io);
    const result = await compactLake({
      lakeDir,
      source: stringOption(args, 'source'),
      onProgress: (p: CompactionProgress) =>
        progress.update(
          `${p.phase} · partitions ${p.partitionsDone}/${p.partitionsTotal} · ${formatCount(p.rows)} rows · ${(p.elapsedMs / 1000).toFixed(1)} s`,
        ),
    });
    progress.done();
    if (result.seq === null) {
      io.stdout('nothing to compact: no partition has two or more small files\n');
      return 0;
    }
    const rows = result.partitions.map((p) => [
      `${p.source} ${p.region} ${p.accountId} ${p.eventDay}`,
      `${p.filesBefore} → ${p.filesAfter}`,
      `${formatBytes(p.bytesBefore)} → ${formatBytes(p.bytesAfter)}`,
      formatCount(p.rows),
    ]);
    const sum = (pick: (p: (typeof result.partitions)[number]) => number) =>
      result.partitions.reduce((total, p) => total + pick(p), 0);
    rows.push([
      `${result.partitions.length} partitions`,
      `${sum((p) => p.filesBefore)} → ${sum((p) => p.filesAfter)}`,
      `${formatBytes(sum((p) => p.bytesBefore))} → ${formatBytes(sum((p) => p.bytesAfter))}`,
      formatCount(sum((p) => p.rows)),
    ]);
    io.stdout(`${summaryTable(COMPACT_COLUMNS, rows, args, io)}committed at ledger position ${result.seq}\n`);
    return 0;
  },
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
