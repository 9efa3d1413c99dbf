// A Tarn detection: an Athena SQL query over the lake's OCSF tables plus what a responder needs to read
// its hits, loaded from a YAML rule file (see rule-file.ts). Every rule's query returns the same hit columns,
// so one runner turns any rule's rows into findings: `time` (epoch ms of the last proving event), `principal`
// (the actor's ARN), `principal_name`, `account_id`, `resources` and `event_uids` (arrays of text) and `detail`.

import type { Grouping } from './hit-grouping.ts';

export const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AttackTechnique {
  readonly id: string;
  readonly name: string;
}

/** Where a rule's query reads from: the rollup region's tables, and the evaluation window in epoch ms. */
export interface RuleContext {
  readonly cloudTrail: string;
  readonly s3Data: string;
  /** Security Hub findings (ASFF), GuardDuty and Macie included. */
  readonly findings: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  /**
   * The rule's kept baseline (rule-baselines.ts) as a table name; null when none is kept, and the baseline is
   * then computed from the lake's history before the window instead.
   */
  readonly baseline: string | null;
}

/** A day before the window: rules whose patterns (bursts, runs) may have begun before it read from here. */
export const LOOKBACK_MS = 86_400_000;

export function lookbackStart(context: RuleContext): number {
  return Math.max(0, context.windowStart - LOOKBACK_MS);
}

/**
 * What a rule that learns from history keeps of it: one row per `key`, each other column folded by `merge`
 * (min or max, so folding the same events twice changes nothing). `sql` summarises the events of a window;
 * the rule's query reads the summary of everything else as `{{baseline}}`, so its cost does not grow with the
 * lake's history.
 */
export interface RuleBaseline {
  readonly key: readonly string[];
  readonly merge: Readonly<Record<string, 'min' | 'max'>>;
  readonly sql: (context: RuleContext) => string;
  /** Changes when the baseline's definition does, so a kept baseline of an older definition is rebuilt. */
  readonly digest: string;
}

/**
 * An inline test: raw AWS events, as AWS delivers them, on which the rule must fire or stay quiet: CloudTrail
 * records, or Security Hub findings (ASFF) for a rule over `{{sh_findings}}`.
 */
export interface RuleTest {
  readonly name: string;
  readonly fire: boolean;
  readonly events: readonly unknown[];
}

export interface DetectionRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly tactics: readonly string[];
  readonly techniques: readonly AttackTechnique[];
  readonly description: string;
  readonly sql: (context: RuleContext) => string;
  readonly tests: readonly RuleTest[];
  /** Optional `group_by`, `threshold` and `suppress` (see hit-grouping.ts). */
  readonly grouping?: Grouping;
  /** Optional: what the rule learns from history (see RuleBaseline). */
  readonly baseline?: RuleBaseline;
  /** The file it was loaded from, for messages. */
  readonly file: string;
}

export const HIT_COLUMNS = ['time', 'principal', 'principal_name', 'account_id', 'resources', 'event_uids', 'detail'];

/** Severities at or above `floor`, for `--min-severity` and `--fail-on`. */
export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);
}
