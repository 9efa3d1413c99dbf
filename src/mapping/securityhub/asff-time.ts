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
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6] ?? 0);
  if (!isRealTime(year, month, day, hour, minute, second)) return undefined;
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - zoneOffsetMinutes(match[8]) * 60_000;
  return { ms, iso: new Date(ms).toISOString() };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Whether Date.UTC keeps the fields as given: it rolls 2024-02-30 over into March and reads years 0–99 as
 * 1900–1999, and such a timestamp was not a real date. Checked by arithmetic, as this runs several times
 * per finding.
 */
function isRealTime(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leapDay = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  return day <= (DAYS_IN_MONTH[month - 1] ?? 0) + leapDay;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}
