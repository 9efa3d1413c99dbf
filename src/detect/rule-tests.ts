// `tarn rules test`: each inline test of a rule runs through the real path. Its raw events are written as
// AWS delivers them (a CloudTrail delivery file), ingested into a fresh temporary lake, and the rule is
// evaluated over each new batch as `tarn detect` does (kept baselines, grouping and suppression included).
// A must-fire test passes when the rule hits and every event it names is one of the test's; a must-not-fire
// test passes when it stays quiet.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../lake/ingest-job.ts';
import type { DetectionRule, RuleTest } from './detection-rule.ts';
import type { DetectionHit } from './detection-runner.ts';
import { detectAndStore } from './detection-store.ts';

export interface RuleTestResult {
  readonly rule: string;
  readonly test: string;
  readonly passed: boolean;
  /** Why it failed, or what it saw when it passed. */
  readonly detail: string;
}

export async function runRuleTests(rules: readonly DetectionRule[]): Promise<RuleTestResult[]> {
  const results: RuleTestResult[] = [];
  for (const rule of rules) {
    if (rule.tests.length === 0) {
      results.push({ rule: rule.id, test: '(none)', passed: false, detail: 'the rule has no inline tests' });
    }
    for (const test of rule.tests) results.push(await runOne(rule, test));
  }
  return results;
}

async function runOne(rule: DetectionRule, test: RuleTest): Promise<RuleTestResult> {
  const root = await mkdtemp(join(tmpdir(), 'tarn-rule-test-'));
  const outcome = (passed: boolean, detail: string) => ({ rule: rule.id, test: test.name, passed, detail });
  try {
    const lakeDir = join(root, 'lake');
    const hits: DetectionHit[] = [];
    for (const [index, events] of deliveries(test.events).entries()) {
      const input = join(root, `events-${index}.json`);
      // ASFF findings as `get-findings` prints them, anything else as a CloudTrail delivery file.
      const findings = events.every((event) => typeof (event as { ProductArn?: unknown }).ProductArn === 'string');
      await writeFile(input, JSON.stringify(findings ? { Findings: events } : { Records: events }));
      const summary = await ingest({ lakeDir, paths: [input] });
      if (summary.rejected.length > 0) {
        return outcome(false, `ingest rejected an event: ${summary.rejected[0]?.reason ?? ''}`);
      }
      const detected = await detectAndStore(lakeDir, [rule]);
      if (detected.errors.length > 0) return outcome(false, detected.errors.join('; '));
      hits.push(...detected.detections.map((d) => d.hit));
    }
    const ids = new Set(
      test.events.map((event) =>
        String((event as { eventID?: unknown; Id?: unknown }).eventID ?? (event as { Id?: unknown }).Id),
      ),
    );
    const named = hits.flatMap((hit) => hit.events);
    const stranger = named.find((uid) => !ids.has(uid));
    if (stranger !== undefined) return outcome(false, `a hit names event ${stranger}, which the test does not hold`);
    const seen = `${hits.length} hit(s)`;
    return outcome(test.fire === hits.length > 0, test.fire ? seen : `${seen}, expected none`);
  } catch (error) {
    return outcome(false, (error as Error).message);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * Events of several days arrive as two deliveries, the last day's after the rest, each evaluated as `tarn
 * detect` evaluates a new batch: a rule that learns from history then judges the last day by its kept baseline.
 */
function deliveries(events: readonly unknown[]): (readonly unknown[])[] {
  const day = (event: unknown) => String((event as { eventTime?: unknown }).eventTime ?? '').slice(0, 10);
  const last = events.map(day).sort().at(-1) ?? '';
  const earlier = events.filter((event) => day(event) !== last);
  return earlier.length === 0 ? [events] : [earlier, events.filter((event) => day(event) === last)];
}
