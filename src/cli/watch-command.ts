// `tarn watch DIR [--lake DIR] [--interval S] [--rules DIR]`: ingests the files that arrive in DIR, evaluates
// the enabled rules after each batch, prints the new detections and delivers their alerts, until Ctrl-C.

import { loadRules } from '../detect/detection-rules.ts';
import { watchFolder } from '../detect/folder-watch.ts';
import { readLakeConfig } from '../lake/lake-config.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, LAKE_OPTION, stringOption } from './command.ts';
import { printDetections } from './detect-command.ts';
import { deliverPending } from './notify-command.ts';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'ingest the log files that arrive in a folder and alert on new detections, until Ctrl-C',
  usage: `Usage: tarn watch DIR [--lake DIR] [--interval S] [--rules DIR]

  Polls DIR (recursively) every --interval seconds. A new or changed file is ingested once it has stopped
  growing; the rules then run over the new batch, new detections are stored, printed and sent to the
  destinations of the lake's _tarn/notify.yaml. A restart re-reads nothing already ingested and re-alerts
  nothing. Ctrl-C ends it after the batch under way.

  --lake DIR       the lake (default ./lake or $TARN_LAKE); created by the first batch if absent
  --interval S     seconds between polls (default 5)
  --rules DIR      YAML rules beside the built-in pack (default: "rulesDir" in the lake's _tarn/config.json)`,
  options: { ...LAKE_OPTION, interval: { type: 'string', default: '5' }, rules: { type: 'string' } },
  async run(args, io) {
    const [dir, ...rest] = args.positionals;
    if (dir === undefined || rest.length > 0) throw new TarnError('give one folder to watch', 2);
    const seconds = Number(stringOption(args, 'interval'));
    if (!(seconds > 0)) throw new TarnError('--interval takes a positive number of seconds', 2);
    const lakeDir = stringOption(args, 'lake') ?? './lake';
    const rulesDir = stringOption(args, 'rules') ?? (await readLakeConfig(lakeDir)).rulesDir;
    const rules = loadRules(rulesDir).filter((rule) => rule.enabled);
    const controller = new AbortController();
    const stop = () => controller.abort();
    io.signal?.addEventListener('abort', stop, { once: true });
    // `on`, not `once`: while a listener is there, Node does not end the process on SIGINT itself.
    process.on('SIGINT', stop);
    io.stderr(`tarn watch: watching ${dir} into ${lakeDir} every ${seconds}s; Ctrl-C to stop\n`);
    try {
      const rounds = await watchFolder({
        lakeDir,
        dir,
        rules,
        intervalMs: seconds * 1000,
        signal: controller.signal,
        async afterPoll(round) {
          if (round !== null) {
            const { ingested, detected } = round;
            const rows = Object.values(ingested.rows).reduce((sum, n) => sum + n, 0);
            const read = ingested.files - ingested.unreadFiles;
            io.stderr(`tarn watch: ${read} new file(s), ${rows} rows in batch ${ingested.batches.join(', ')}\n`);
            for (const error of detected.errors) io.stderr(`tarn detect: ${error}\n`);
            printDetections(detected.detections, io);
          }
          await deliverPending(lakeDir, io, io.stdout);
        },
      });
      io.stderr(`tarn watch: stopped after ${rounds} batch(es)\n`);
      return 0;
    } finally {
      process.removeListener('SIGINT', stop);
    }
  },
};
