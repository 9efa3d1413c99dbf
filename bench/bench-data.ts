// The bench's events, made once and reused: `.bench/data-N` holds N CloudTrail events of the demo scenario
// (seed 42) in its small delivery files (51,854 at 1M) with its Security Hub findings, and `.bench/large-N` the
// same CloudTrail events in large files of 5,000 (bench/large-delivery-files.ts). Generating 10M takes minutes,
// so a folder already there is used as it is.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateScenario } from '../src/scenario/scenario-generator.ts';
import { writeLargeDeliveryFiles } from './large-delivery-files.ts';

export type BenchLayout = 'small' | 'large';

/** The folder of `events` events in `layout` under `work`, generated first when missing. */
export async function benchData(work: string, events: number, layout: BenchLayout): Promise<string> {
  const small = join(work, `data-${events}`);
  if (!existsSync(small)) {
    process.stderr.write(`generating ${events.toLocaleString('en-US')} CloudTrail events in ${small} …\n`);
    // CloudTrail and findings only, as the baseline copies: bench:sources measures the network logs.
    await generateScenario({ outDir: small, events, seed: 42, networkEvents: 0 });
  }
  if (layout === 'small') return small;
  const large = join(work, `large-${events}`);
  if (!existsSync(large)) {
    process.stderr.write(`writing the large-file layout of ${small} in ${large} …\n`);
    process.stderr.write(`${writeLargeDeliveryFiles(small, large)} large files written\n`);
  }
  return large;
}
