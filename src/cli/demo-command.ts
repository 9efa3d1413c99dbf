// `tarn demo`: the whole path on synthetic data: generate raw logs, ingest them, and walk the reference
// incident question by question with the queries responders run in Athena.

import { ingest } from '../lake/ingest-job.ts';
import { formatResult, openQueryEngine } from '../query/index.ts';
import { incidentWalkthrough } from '../scenario/incident-walkthrough.ts';
import { generateScenario } from '../scenario/scenario-generator.ts';
import { type Command, stringOption } from './command.ts';
import { formatCount, formatRate, progressLine } from './progress-line.ts';
import { positiveInteger } from './scenario-command.ts';

const SHOWN_ROWS = 25;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'generate a synthetic organization, ingest it, and walk the reference incident',
  usage: `Usage: tarn demo [--lake DIR] [--out DIR] [--events N] [--seed S]

  --lake DIR   the demo lake (default ./demo-lake)
  --out DIR    where the raw logs are written (default ./demo-data)
  --events N   CloudTrail events to generate (default 20000)
  --seed S     the generator's seed: the same seed gives the same organization (default 1)`,
  options: {
    lake: { type: 'string', default: './demo-lake' },
    out: { type: 'string', default: './demo-data' },
    events: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
  },
  async run(args, io) {
    const lakeDir = stringOption(args, 'lake') ?? './demo-lake';
    const outDir = stringOption(args, 'out') ?? './demo-data';
    const events = positiveInteger(stringOption(args, 'events'), '--events');
    const progress = progressLine(io);

    io.stdout(
      `1. Generating ${formatCount(events)} CloudTrail events, Security Hub findings, and VPC flow, Resolver and WAF logs in ${outDir}\n`,
    );
    const facts = await generateScenario({
      outDir,
      events,
      seed: positiveInteger(stringOption(args, 'seed'), '--seed'),
      onProgress: (n) => progress.update(`generated ${formatCount(n)} events`),
    });
    progress.done();

    io.stdout(`2. Ingesting the raw logs into ${lakeDir} (rollup region us-west-2)\n`);
    const summary = await ingest({
      lakeDir,
      paths: [outDir],
      rollupRegion: 'us-west-2',
      onProgress: (p) =>
        progress.update(
          `files ${p.filesDone}/${p.filesTotal} · ${formatCount(p.records)} events · ${formatRate(p.records, p.elapsedMs)} events/s`,
        ),
    });
    progress.done();
    const written = Object.entries(summary.rows).map(([source, n]) => `${source} ${formatCount(n)}`);
    io.stdout(
      `   ${formatCount(summary.inputRecords)} records: ${written.join(', ') || 'no new rows'}; ${formatCount(summary.duplicates)} duplicates, ${summary.rejected.length} rejected, ${summary.seconds.toFixed(1)} s\n`,
    );

    io.stdout('3. Walking the incident: GuardDuty flagged the IAM user Service_Backup.\n');
    const engine = await openQueryEngine({ lakeDir });
    try {
      for (const [index, step] of incidentWalkthrough(facts).entries()) {
        const result = await engine.run(step.sql, { maxRows: SHOWN_ROWS });
        io.stdout(`\n── Q${index + 1}. ${step.question}\n\n${indent(step.sql)}\n\n${formatResult(result, 'table')}\n`);
        if (result.truncated) io.stdout(`(the first ${SHOWN_ROWS} rows; run the query with tarn query to see all)\n`);
      }
    } finally {
      await engine.close();
    }
    io.stdout(`\nQuery the lake yourself: npx tarn query --lake ${lakeDir} "SELECT ..."\n`);
    return 0;
  },
};

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
