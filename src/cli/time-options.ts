// The time window every command that takes one reads the same way: `--from` / `--to` as an ISO-8601 time, a
// bare date (UTC), or a time before now (`-7d`); `--last 24h` for the window that ends now. The parsing is
// src/time/'s, shared with the console's API.

import { timeWindow, type WindowBounds, windowTime as windowEnd } from '../time/window-time.ts';
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

/** One end of a window as epoch milliseconds. */
export function windowTime(text: string, end: 'from' | 'to', now: Date, option: string = end): number {
  return windowEnd(text, end, now, `--${option}`);
}

/** `--from`, `--to` and `--last` as a window, checked to be in order; `fromOption` names `--since` for detect. */
export function windowOptions(args: ParsedArgs, now: Date, fromOption = 'from'): WindowBounds {
  return timeWindow(
    { from: stringOption(args, fromOption), to: stringOption(args, 'to'), last: stringOption(args, 'last') },
    now,
    { from: `--${fromOption}`, to: '--to', last: '--last' },
  );
}
