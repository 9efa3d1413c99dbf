// What a principal always did, told apart from what is new: a call is routine when the principal made the same
// operation from the same source address on at least ROUTINE_DAYS different UTC days in the lake (the nightly
// backup). An attack of a day or two from new addresses, or new operations, is never routine.

import type { ActivityEvent } from './activity-events.ts';

/** Days an operation and address must recur on: more than an attack of a day and a half can span. */
export const ROUTINE_DAYS = 3;

export interface Baseline {
  /** The keys (`ActivityEvent.key`) of the routine events. */
  readonly routine: ReadonlySet<string>;
  /** The recurring operation and address pairs, most calls first. */
  readonly habits: readonly {
    readonly operation: string;
    readonly ip: string | null;
    readonly calls: number;
    readonly days: number;
  }[];
}

const habitKey = (e: ActivityEvent) => `${e.operation}\u0000${e.ip ?? ''}`;

export function activityBaseline(events: readonly ActivityEvent[]): Baseline {
  const days = new Map<string, Set<string>>();
  const members = new Map<string, ActivityEvent[]>();
  for (const event of events) {
    const key = habitKey(event);
    const day = new Date(event.time).toISOString().slice(0, 10);
    days.set(key, (days.get(key) ?? new Set()).add(day));
    members.set(key, [...(members.get(key) ?? []), event]);
  }
  const recurring = [...days].filter(([, seen]) => seen.size >= ROUTINE_DAYS).map(([key]) => key);
  const habits = recurring
    .map((key) => {
      const first = members.get(key)?.[0] as ActivityEvent;
      return {
        operation: first.operation,
        ip: first.ip,
        calls: members.get(key)?.length ?? 0,
        days: days.get(key)?.size ?? 0,
      };
    })
    .sort((a, b) => b.calls - a.calls || a.operation.localeCompare(b.operation));
  return { routine: new Set(recurring.flatMap((key) => (members.get(key) ?? []).map((e) => e.key))), habits };
}

/** The events that are not routine; all of them when every event is, so that proof is never empty. */
export function newActivity(events: readonly ActivityEvent[], routine: ReadonlySet<string>): readonly ActivityEvent[] {
  const fresh = events.filter((e) => !routine.has(e.key));
  return fresh.length === 0 ? events : fresh;
}
