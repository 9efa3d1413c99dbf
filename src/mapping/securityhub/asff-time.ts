// ASFF timestamps are ISO 8601 in the spec, but exports and test data also carry the Panther/Athena form
// `2024-05-24 22:53:24.000000000` (space, nanoseconds, no zone), which Security Hub means as UTC.

export interface AsffInstant {
  /** Epoch milliseconds. */
  readonly ms: number;
  /** The same instant as `2024-03-10T12:01:02.345Z`. */
  readonly iso: string;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses an ASFF timestamp; a missing zone means UTC. Fractions beyond milliseconds are cut, not rounded. */
export function parseAsffTime(value: unknown): AsffInstant | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIMESTAMP.exec(value.trim());
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) => Number(match[group] ?? 0));
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(year ?? 0, (month ?? 0) - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2024-02-30 over into March; a timestamp whose fields moved was not a real date.
  const check = new Date(local);
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() + 1 === month &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  if (!real) return undefined;
  const ms = local - zoneOffsetMinutes(match[8]) * 60_000;
  return { ms, iso: new Date(ms).toISOString() };
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}
