// `npm run bench:detect`: detection speed. Builds a lake of N CloudTrail events (the demo scenario, seed 42,
// in large delivery files so the ingest is quick), then times (1) each enabled rule alone over the whole lake
// and (2) the incremental path `tarn detect` takes after an ingest: every rule over one new small batch.
// Wall seconds and CPU-seconds of this process (DuckDB runs in it), with the load average, since this machine
// is shared.
//
//   npm run bench:detect                 1,000,000 events
//   npm run bench:detect -- 200000       another size

import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DETECTION_RULES } from '../src/detect/detection-rules.ts';
import { runDetections } from '../src/detect/detection-runner.ts';
import { detectAndStore } from '../src/detect/detection-store.ts';
import { ingest } from '../src/lake/ingest-job.ts';
import { openQueryEngine } from '../src/query/index.ts';
import { generateScenario } from '../src/scenario/scenario-generator.ts';
import { writeLargeDeliveryFiles } from './large-delivery-files.ts';

const WORK = resolve(import.meta.dirname, '../.bench');

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 1_000_000);
  const small = join(WORK, `data-${events}`);
  const large = join(WORK, `large-${events}`);
  const lakeDir = join(WORK, `detect-lake-${events}`);
  if (!existsSync(small)) await generateScenario({ outDir: small, events, seed: 42, networkEvents: 0 });
  if (!existsSync(large)) writeLargeDeliveryFiles(small, large);
  if (!existsSync(lakeDir)) {
    await ingest({ lakeDir, paths: [large] });
    // Everything ingested so far counts as evaluated: the incremental figure is for one new batch alone.
    await detectAndStore(lakeDir, []);
  }
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`\n${events.toLocaleString('en-US')} CloudTrail events; each rule alone over the whole lake\n`);
  console.log('rule                          | hits | seconds | CPU-s');
  const engine = await openQueryEngine({ lakeDir });
  let total = 0;
  try {
    for (const rule of DETECTION_RULES) {
      const { seconds, cpu, value } = await measure(() => runDetections(engine, { from: null, to: null }, [rule]));
      const [result] = value;
      const hits = result !== undefined && 'hits' in result ? String(result.hits.length) : 'error';
      total += seconds;
      console.log(
        `${rule.id.padEnd(29)} | ${hits.padStart(4)} | ${seconds.toFixed(2).padStart(7)} | ${cpu.toFixed(2)}`,
      );
    }
  } finally {
    engine.close();
  }
  console.log(`${'all rules'.padEnd(29)} |      | ${total.toFixed(2).padStart(7)} |`);

  // One new batch: a StopLogging at the end of the scenario's last day, as a late delivery would bring.
  const late = join(WORK, `late-${Date.now()}.json`);
  writeFileSync(late, JSON.stringify({ Records: [lateEvent()] }));
  await ingest({ lakeDir, paths: [late] });
  const { seconds, cpu, value } = await measure(() => detectAndStore(lakeDir, DETECTION_RULES));
  console.log(
    `\nincremental: every rule over 1 new batch: ${seconds.toFixed(2)} s, ${cpu.toFixed(2)} CPU-s, ` +
      `${value.detections.length} new detections, ${value.errors.length} errors`,
  );
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

async function measure<T>(run: () => Promise<T>): Promise<{ seconds: number; cpu: number; value: T }> {
  const [start, cpuStart] = [performance.now(), process.cpuUsage()];
  const value = await run();
  const cpuUsed = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpu: (cpuUsed.user + cpuUsed.system) / 1e6, value };
}

function lateEvent(): Record<string, unknown> {
  const id = crypto.randomUUID();
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDABENCHEXAMPLE0001',
      arn: 'arn:aws:iam::111122223333:user/bench',
      accountId: '111122223333',
      accessKeyId: 'AKIABENCHEXAMPLE0001',
      userName: 'bench',
    },
    eventTime: '2024-03-20T23:59:00Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.66',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: { name: 'org-trail' },
    responseElements: null,
    requestID: id,
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}

await main();
