// A time window read the same way by every surface that takes one (the CLI's --from/--to/--last, the console's
// from/to): an ISO-8601 time, a bare date (UTC), or a time before now (`-7d`); `last` for the window that ends
// now. Below the layers, so the CLI and the server share it without importing each other.

import { TarnError } from '../tarn-error.ts';

export interface WindowBounds {
  /** Epoch milliseconds, or null for an open end. */
  readonly from: number | null;
  readonly to: number | null;
}

/** What the caller calls each end in its messages: `--from` on the command line, `from` in the API. */
export interface WindowNames {
  readonly from: string;
  readonly to: string;
  readonly last: string;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `24h`, `7d`, `2w` (or with a leading `-` when `sign` is true) in milliseconds; null for another form. */
function duration(text: string, sign: boolean): number | null {
  const match = (sign ? /^-(\d+)([smhdw])$/ : /^(\d+)([smhdw])$/).exec(text.trim());
  if (match === null) return null;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** Whether the text's leading YYYY-MM-DD is a day of the calendar: Date.parse rolls 2024-02-30 over to March. */
function isCalendarDate(text: string): boolean {
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(text) ?? [];
  if (year === undefined) return true;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/** Accepts ISO-8601 with or without a time; a bare date as the end of a window means the end of that day. */
export function parseWindowTime(text: string, end: 'from' | 'to'): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const iso = dateOnly ? `${text}T${end === 'to' ? '23:59:59.999' : '00:00:00.000'}Z` : text.replace(' ', 'T');
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms) || !isCalendarDate(text))
    throw new TarnError(`--${end} must be an ISO-8601 time such as 2024-03-10T14:00:00Z, not "${text}"`, 2);
  return ms;
}

/** One end of a window as epoch milliseconds; `name` is what the error calls it. */
export function windowTime(text: string, end: 'from' | 'to', now: Date, name: string): number {
  const before = duration(text, true);
  if (before !== null) return now.getTime() - before;
  try {
    return parseWindowTime(text, end);
  } catch {
    throw new TarnError(
      `${name} takes an ISO-8601 time (2024-03-10T14:00:00Z), a date (2024-03-10, UTC) or a time before now (-7d), not "${text}"`,
      2,
    );
  }
}

/** `from`, `to` and `last` as a window, checked to be in order. */
export function timeWindow(
  texts: { readonly from?: string | undefined; readonly to?: string | undefined; readonly last?: string | undefined },
  now: Date,
  names: WindowNames,
): WindowBounds {
  const { from, to, last } = texts;
  if (last !== undefined) {
    if (from !== undefined || to !== undefined)
      throw new TarnError(`${names.last} is instead of ${names.from} and ${names.to}`, 2);
    const span = duration(last, false);
    if (span === null || span === 0)
      throw new TarnError(`${names.last} takes a length of time such as 24h or 7d, not "${last}"`, 2);
    return { from: now.getTime() - span, to: now.getTime() };
  }
  const window = {
    from: from === undefined ? null : windowTime(from, 'from', now, names.from),
    to: to === undefined ? null : windowTime(to, 'to', now, names.to),
  };
  if (window.from !== null && window.to !== null && window.from > window.to) {
    throw new TarnError(`${names.from} must not be after ${names.to}`, 2);
  }
  return window;
}
