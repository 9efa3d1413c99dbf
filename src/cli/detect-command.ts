// `tarn detect [--lake DIR] [--from TS] [--to TS] [--format table|json]`: runs every Tarn detection over
// the lake and prints the hits. A rule that fails is reported on stderr and makes the exit code 1; the
// other rules' hits are printed all the same.

import { runDetections } from '../detect/detection-runner.ts';
import { openQueryEngine, renderTextTable } from '../query/index.ts';
import { type Command, existingLake, LAKE_OPTION } from './command.ts';
import { chosenFormat, windowOptions } from './investigate-command.ts';

const FORMATS = ['table', 'json'] as const;
const HEADER = ['time', 'severity', 'rule', 'principal', 'account', 'resources', 'events', 'detail'];

export const detectCommand: Command = {
  name: 'detect',
  summary: 'run the Tarn detections (IAM persistence, log tampering, S3 destruction, …) over the lake',
  usage: `Usage: tarn detect [--lake DIR] [--from TS] [--to TS] [--format table|json]

  --lake DIR     the lake (default ./lake or $TARN_LAKE); its rollup region's tables are read
  --from TS      ISO-8601 start of the window (a bare date is its start of day, UTC)
  --to TS        ISO-8601 end of the window (a bare date is its end of day, UTC)
  --format F     table (default) or json ({"hits": [...], "errors": [...]})`,
  options: {
    ...LAKE_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string', default: 'table' },
  },
  async run(args, io) {
    const format = chosenFormat(args, FORMATS);
    const engine = await openQueryEngine({ lakeDir: existingLake(args) });
    const results = await runDetections(engine, windowOptions(args)).finally(() => engine.close());
    const hits = results.flatMap((r) => ('hits' in r ? r.hits : [])).sort((a, b) => a.time.localeCompare(b.time));
    const errors = results.flatMap((r) => ('error' in r ? [{ rule: r.rule.id, error: r.error }] : []));
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ hits, errors }, null, 2)}\n`);
    } else {
      const rows = hits.map((h) => [
        h.time,
        h.severity,
        h.rule,
        h.principalName,
        h.accountId,
        h.resources.join(' '),
        String(h.events.length),
        h.detail,
      ]);
      io.stdout(`${renderTextTable(HEADER, rows)}\n(${hits.length} hits from ${results.length} rules)\n`);
    }
    for (const e of errors) io.stderr(`tarn detect: ${e.error}\n`);
    return errors.length === 0 ? 0 : 1;
  },
};
