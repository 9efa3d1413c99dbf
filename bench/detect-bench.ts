// `npm run bench:detect`: detection speed. Builds a lake of N CloudTrail events (the demo scenario, seed 42,
// in large delivery files so the ingest is quick) and evaluates it once, as `tarn detect` would, which keeps the
// baselines of the rules that learn from history. Then it times (1) each enabled rule alone over the whole lake
// and (2) the incremental path `tarn detect` takes after an ingest: each rule over one new small batch with its
// kept baseline, and the whole run (rules, baselines folded, detections stored). Wall seconds and CPU-seconds
// of this process (DuckDB runs in it), with the load average, since this machine is shared.
//
//   npm run bench:detect                 1,000,000 events
//   npm run bench:detect -- 200000       another size
//   TARN_BENCH_DIR=/tmp/x npm run bench:detect   data and lake elsewhere than .bench/

import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DETECTION_RULES } from '../src/detect/detection-rules.ts';
import { type DetectionWindow, runDetections } from '../src/detect/detection-runner.ts';
import { detectAndStore, readDetectState } from '../src/detect/detection-store.ts';
import { keptTables } from '../src/detect/rule-baselines.ts';
import { ingest } from '../src/lake/ingest-job.ts';
import { openQueryEngine } from '../src/query/index.ts';
import { benchData } from './bench-data.ts';

const WORK = resolve(process.env.TARN_BENCH_DIR ?? join(import.meta.dirname, '../.bench'));

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 1_000_000);
  const large = await benchData(WORK, events, 'large');
  const lakeDir = join(WORK, `detect-lake-${events}`);
  console.log(`load average at start: ${loads()}`);
  if (!existsSync(lakeDir)) {
    await ingest({ lakeDir, paths: [large] });
    // Everything ingested so far is evaluated once, which keeps the baselines: the incremental figure is then
    // for one new batch alone.
    const first = await measure(() => detectAndStore(lakeDir, DETECTION_RULES));
    console.log(
      `first evaluation of the whole lake (baselines built, ${first.value.detections.length} detections stored): ` +
        `${first.seconds.toFixed(2)} s, ${first.cpu.toFixed(2)} CPU-s`,
    );
  }
  console.log(`\n${events.toLocaleString('en-US')} CloudTrail events; each rule alone over the whole lake\n`);
  const whole = await timeRules(lakeDir, { from: null, to: null }, new Map());

  // One new batch: a StopLogging at the end of the scenario's last day, as a late delivery would bring.
  const late = join(WORK, `late-${Date.now()}.json`);
  writeFileSync(late, JSON.stringify({ Records: [lateEvent()] }));
  await ingest({ lakeDir, paths: [late] });
  const day = Date.parse(String(lateEvent().eventTime).slice(0, 10));
  const kept = keptTables(lakeDir, DETECTION_RULES, (await readDetectState(lakeDir)).baselines ?? {});
  const batch = await timeRules(lakeDir, { from: day, to: day + 86_400_000 - 1 }, kept.views, kept.tables);
  console.log('\nrule                          | whole lake: hits | seconds | CPU-s | new batch: seconds | CPU-s');
  console.log('----------------------------- | ---------------: | ------: | ----: | -----------------: | ----:');
  for (const [i, rule] of DETECTION_RULES.entries()) {
    const [w, b] = [whole[i], batch[i]] as [Timing, Timing];
    console.log(
      `${rule.id.padEnd(29)} | ${w.hits.padStart(16)} | ${w.seconds.toFixed(2).padStart(7)} | ${w.cpu.toFixed(2).padStart(5)} | ${b.seconds.toFixed(2).padStart(18)} | ${b.cpu.toFixed(2).padStart(5)}`,
    );
  }
  const sum = (list: Timing[], key: 'seconds' | 'cpu') => list.reduce((total, t) => total + t[key], 0).toFixed(2);
  console.log(
    `${'all rules'.padEnd(29)} | ${''.padStart(16)} | ${sum(whole, 'seconds').padStart(7)} | ${sum(whole, 'cpu').padStart(5)} | ${sum(batch, 'seconds').padStart(18)} | ${sum(batch, 'cpu').padStart(5)}`,
  );
  const { seconds, cpu, value } = await measure(() => detectAndStore(lakeDir, DETECTION_RULES));
  console.log(
    `\nincremental tarn detect over 1 new batch (every rule, baselines folded, detections stored): ${seconds.toFixed(2)} s, ` +
      `${cpu.toFixed(2)} CPU-s, ${value.detections.length} new detections, ${value.errors.length} errors`,
  );
  console.log(`load average at end: ${loads()}`);
}

interface Timing {
  readonly hits: string;
  readonly seconds: number;
  readonly cpu: number;
}

/** Each rule alone over `window`, in one engine (with the kept baselines' tables when given). */
async function timeRules(
  lakeDir: string,
  window: DetectionWindow,
  views: ReadonlyMap<string, string>,
  stateTables: Readonly<Record<string, string>> = {},
): Promise<Timing[]> {
  const engine = await openQueryEngine({ lakeDir, stateTables });
  try {
    const timings: Timing[] = [];
    for (const rule of DETECTION_RULES) {
      const { seconds, cpu, value } = await measure(() => runDetections(engine, window, [rule], views));
      const [result] = value;
      timings.push({
        hits: result !== undefined && 'hits' in result ? String(result.hits.length) : 'error',
        seconds,
        cpu,
      });
    }
    return timings;
  } finally {
    await engine.close();
  }
}

function loads(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
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
