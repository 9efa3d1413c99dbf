// The time window every command that takes one reads the same way: `--from` / `--to` as an ISO-8601 time, a
// bare date (UTC), or a time before now (`-7d`); `--last 24h` for the window that ends now.

import { parseWindowTime, type TimeWindow } from '../respond/investigation/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type OptionSpec, type ParsedArgs, stringOption } from './command.ts';

export const WINDOW_OPTIONS: OptionSpec = {
  from: { type: 'string' },
  to: { type: 'string' },
  last: { type: 'string' },
};

export const WINDOW_USAGE = `  --from TS      start of the window: ISO-8601 (2024-03-10T14:00:00Z), a bare date (its start of day, UTC), or
                 a time before now (-30m, -24h, -7d, -2w)
  --to TS        end of the window, the same forms (a bare date is its end of day, UTC)
  --last D       the window that ends now: 30m, 24h, 7d, 2w (instead of --from and --to)`;

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `24h`, `7d`, `2w` (or with a leading `-` when `sign` is true) in milliseconds; null for another form. */
function duration(text: string, sign: boolean): number | null {
  const match = (sign ? /^-(\d+)([smhdw])$/ : /^(\d+)([smhdw])$/).exec(text.trim());
  if (match === null) return null;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** One end of a window as epoch milliseconds. */
export function windowTime(text: string, end: 'from' | 'to', now: Date, option: string = end): number {
  const before = duration(text, true);
  if (before !== null) return now.getTime() - before;
  try {
    return parseWindowTime(text, end);
  } catch {
    throw new TarnError(
      `--${option} takes an ISO-8601 time (2024-03-10T14:00:00Z), a date (2024-03-10, UTC) or a time before now (-7d), not "${text}"`,
      2,
    );
  }
}

/** `--from`, `--to` and `--last` as a window, checked to be in order; `fromOption` names `--since` for detect. */
export function windowOptions(args: ParsedArgs, now: Date, fromOption = 'from'): TimeWindow {
  const from = stringOption(args, fromOption);
  const to = stringOption(args, 'to');
  const last = stringOption(args, 'last');
  if (last !== undefined) {
    if (from !== undefined || to !== undefined) throw new TarnError(`--last is instead of --${fromOption} and --to`, 2);
    const span = duration(last, false);
    if (span === null || span === 0)
      throw new TarnError(`--last takes a length of time such as 24h or 7d, not "${last}"`, 2);
    return { from: now.getTime() - span, to: now.getTime() };
  }
  const window = {
    from: from === undefined ? null : windowTime(from, 'from', now, fromOption),
    to: to === undefined ? null : windowTime(to, 'to', now),
  };
  if (window.from !== null && window.to !== null && window.from > window.to) {
    throw new TarnError(`--${fromOption} must not be after --to`, 2);
  }
  return window;
}
