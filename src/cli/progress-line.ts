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

/**
 * Runs `work`, showing on a terminal its phase and the time taken, redrawn every quarter second so that a
 * long scan never looks frozen; `work` names each new phase.
 */
export async function withTicker<T>(
  io: CliIO,
  first: string,
  work: (phase: (text: string) => void) => Promise<T>,
): Promise<T> {
  const progress = progressLine(io);
  const started = performance.now();
  let current = first;
  const draw = () => progress.update(`${current} (${((performance.now() - started) / 1000).toFixed(1)} s)`, true);
  const ticker = setInterval(draw, 250);
  try {
    return await work((text) => {
      current = text;
      draw();
    });
  } finally {
    clearInterval(ticker);
    progress.done();
  }
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatRate(count: number, elapsedMs: number): string {
  return elapsedMs > 0 ? formatCount((count * 1000) / elapsedMs) : '0';
}
