// `tarn rules test`: each inline test of a rule runs through the real path. Its raw events are written as
// AWS delivers them (a CloudTrail delivery file), ingested into a fresh temporary lake, and the rule is
// evaluated there over the whole window, as `tarn detect` would. A must-fire test passes when the rule hits
// and every event it names is one of the test's; a must-not-fire test passes when it stays quiet.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../lake/ingest-job.ts';
import { openQueryEngine } from '../query/index.ts';
import type { DetectionRule, RuleTest } from './detection-rule.ts';
import { runDetections } from './detection-runner.ts';

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
    const input = join(root, 'events.json');
    // ASFF findings as `get-findings` prints them, anything else as a CloudTrail delivery file.
    const findings = test.events.every((event) => typeof (event as { ProductArn?: unknown }).ProductArn === 'string');
    await writeFile(input, JSON.stringify(findings ? { Findings: test.events } : { Records: test.events }));
    const lakeDir = join(root, 'lake');
    const summary = await ingest({ lakeDir, paths: [input] });
    if (summary.rejected.length > 0) {
      return outcome(false, `ingest rejected an event: ${summary.rejected[0]?.reason ?? ''}`);
    }
    const engine = await openQueryEngine({ lakeDir });
    const [result] = await runDetections(engine, { from: null, to: null }, [rule]).finally(() => engine.close());
    if (result === undefined || 'error' in result) return outcome(false, result?.error ?? 'the rule did not run');
    const ids = new Set(
      test.events.map((event) =>
        String((event as { eventID?: unknown; Id?: unknown }).eventID ?? (event as { Id?: unknown }).Id),
      ),
    );
    const named = result.hits.flatMap((hit) => hit.events);
    const stranger = named.find((uid) => !ids.has(uid));
    if (stranger !== undefined) return outcome(false, `a hit names event ${stranger}, which the test does not hold`);
    const seen = `${result.hits.length} hit(s)`;
    return outcome(test.fire === result.hits.length > 0, test.fire ? seen : `${seen}, expected none`);
  } catch (error) {
    return outcome(false, (error as Error).message);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
