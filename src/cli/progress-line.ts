// A one-line progress display, redrawn in place on a terminal and throttled so drawing never slows work.

import type { CliIO } from './cli-io.ts';

export interface ProgressLine {
  /** `immediate` draws even within the throttle interval: a change of phase must never be skipped. */
  update(text: string, immediate?: boolean): void;
  done(): void;
}

export function progressLine(io: CliIO, intervalMs = 100): ProgressLine {
  if (!io.interactive) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update(text, immediate = false) {
      const now = performance.now();
      if (!immediate && now - last < intervalMs) return;
      last = now;
      drawn = true;
      io.stderr(`\r\x1b[2K${text}`);
    },
    done() {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatRate(count: number, elapsedMs: number): string {
  return elapsedMs > 0 ? formatCount((count * 1000) / elapsedMs) : '0';
}
