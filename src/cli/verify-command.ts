// `tarn verify [--lake DIR]`

import { verifyLake } from '../lake/lake-verification.ts';
import { type Command, existingLake, LAKE_OPTION } from './command.ts';
import { formatCount, progressLine } from './progress-line.ts';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check every data file against the ledger: present, same size and SHA-256, rows, nothing extra',
  usage: `Usage: tarn verify [--lake DIR]

  Checks that every file the ledger lists exists with its recorded size and SHA-256 (files committed before
  Tarn recorded them are checked for existence and row count, and reported as unhashed), that no file under
  aws/ or ext/ is missing from the ledger, and that each partition's row count matches. Exits 1 naming each
  problem, 0 when the lake matches its ledger.

  --lake DIR   the lake (default ./lake, or $TARN_LAKE)`,
  options: { ...LAKE_OPTION },
  async run(args, io) {
    const lakeDir = existingLake(args);
    const progress = progressLine(io);
    const result = await verifyLake(lakeDir, (p) =>
      progress.update(
        `verifying · files ${formatCount(p.filesDone)}/${formatCount(p.filesTotal)} · ${formatCount(p.bytes / 1024 / 1024)} MB · ${(p.elapsedMs / 1000).toFixed(1)} s`,
      ),
    );
    progress.done();
    if (result.problems.length > 0) {
      for (const problem of result.problems) io.stderr(`${problem}\n`);
      io.stderr(`${result.problems.length} problems in ${formatCount(result.files)} files\n`);
      return 1;
    }
    const unhashed =
      result.unhashed > 0 ? ` (${formatCount(result.unhashed)} unhashed: committed before Tarn recorded SHA-256)` : '';
    io.stdout(`verified ${formatCount(result.files)} files, ${formatCount(result.rows)} rows${unhashed}\n`);
    return 0;
  },
};
