// One reviewed action of a containment plan: what it does, why (the events that justify it), the AWS CLI
// commands that do it (and the same calls as data, for `contain --execute`), and what it leaves undone.

import type { ActivityEvent, CreatedItem, EventRef, ResolvedPrincipal } from '../investigation/index.ts';
import { eventRef } from '../investigation/index.ts';
import { type AwsCall, cliCommand } from './aws-call.ts';

export interface PlanStep {
  readonly action: string;
  readonly target: string;
  /**
   * The account the step runs in, given only when it is not the investigated one (a role chain that came
   * from another account): its calls need that account's credentials.
   */
  readonly account?: string;
  readonly why: string;
  readonly evidence: readonly EventRef[];
  readonly commands: readonly string[];
  /** The calls that carry the step out; empty when its commands are for a person to run. */
  readonly calls: readonly AwsCall[];
  readonly wontUndo: string;
}

/** Stands for the case's name in what a plan writes (descriptions, tags) until `contain --execute --case` names it. */
export const CASE_NAME = '<case>';

/** A step carried out by calls: its commands are those calls as the AWS CLI writes them. */
export function viaCalls(...calls: AwsCall[]): Pick<PlanStep, 'calls' | 'commands'> {
  return { calls, commands: calls.map(cliCommand) };
}

export interface PlanInput {
  readonly principal: ResolvedPrincipal;
  /** The investigated principal's own events. */
  readonly events: readonly ActivityEvent[];
  /** Its events and those of every principal it created, in time order. */
  readonly allEvents: readonly ActivityEvent[];
  /** Everything created, flattened from the tree. */
  readonly created: readonly CreatedItem[];
  /** ISO-8601; sessions issued before it are revoked. */
  readonly now: string;
  /** The keys of routine events (activity-baseline.ts): never cited as proof while new ones exist. */
  readonly routine?: ReadonlySet<string>;
}

const MAX_EVIDENCE = 6;

/** The first and last event, and the changes between them, up to a handful. */
export function evidenceOf(events: readonly ActivityEvent[]): EventRef[] {
  if (events.length === 0) return [];
  const first = events[0] as ActivityEvent;
  const last = events[events.length - 1] as ActivityEvent;
  const changes = events.filter(
    (e) => e !== first && e !== last && e.succeeded && /^(Create|Attach|Put|Delete)/.test(e.operation),
  );
  const picked = [first, ...changes.slice(0, MAX_EVIDENCE - 2), ...(last === first ? [] : [last])];
  return picked.map(eventRef);
}

export function describeUse(events: readonly ActivityEvent[]): string {
  const ips = [...new Set(events.map((e) => e.ip).filter((ip) => ip !== null))];
  const first = events[0];
  const last = events[events.length - 1];
  if (first === undefined || last === undefined) return 'no recorded use';
  return `${events.length} call(s) from ${ips.join(', ') || 'no recorded address'}, ${new Date(first.time).toISOString()} to ${new Date(last.time).toISOString()}`;
}
