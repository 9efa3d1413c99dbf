// `tarn scenario generate OUT [--events N] [--seed S]`

import { generateScenario } from '../scenario/scenario-generator.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, stringOption } from './command.ts';
import { formatCount, progressLine } from './progress-line.ts';

export const scenarioCommand: Command = {
  name: 'scenario',
  summary: 'generate a synthetic organization’s raw AWS logs with the reference incident hidden in them',
  usage: `Usage: tarn scenario generate OUT [--events N] [--seed S]

  Writes CloudTrail delivery files (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz), Security Hub
  findings (EventBridge envelopes), and VPC flow, Route 53 Resolver query and WAF logs (AWSLogs/<account>/
  vpcflowlogs|vpcdnsquerylogs|WAFLogs/…, a quarter as many records as CloudTrail events) under OUT. The same
  seed and size always give the same bytes.

  --events N   CloudTrail events in all, benign activity plus the incident (default 20000)
  --seed S     seed of the generator (default 1)`,
  options: {
    events: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
  },
  async run(args, io) {
    const [verb, outDir] = args.positionals;
    if (verb !== 'generate' || !outDir)
      throw new TarnError('usage: tarn scenario generate OUT [--events N] [--seed S]', 2);
    const events = positiveInteger(stringOption(args, 'events'), '--events');
    const seed = positiveInteger(stringOption(args, 'seed'), '--seed');
    const progress = progressLine(io);
    const facts = await generateScenario({
      outDir,
      events,
      seed,
      onProgress: (written) => progress.update(`generated ${formatCount(written)} of ${formatCount(events)} events`),
    });
    progress.done();
    io.stdout(`Wrote ${formatCount(events)} CloudTrail events, the findings and the network logs to ${outDir}\n`);
    io.stdout(`Incident account: ${facts.incidentAccountId}\n`);
    return 0;
  },
};

export function positiveInteger(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new TarnError(`${name} must be a whole number`, 2);
  return value;
}
