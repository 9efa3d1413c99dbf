// Writes files where and how AWS delivers them: gzipped CloudTrail delivery files under AWSLogs/,
// and Security Hub's EventBridge events as gzipped JSON lines.
//
// Compressing and storing ~50k files is as costly as generating their records, so it runs in worker
// threads while the main thread generates: each worker gzips (synchronously, at a fixed level, so
// the bytes never vary) and writes the files it is handed.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** A fixed level keeps the bytes identical from run to run. */
const GZIP_LEVEL = 6;
/** Files queued per worker before the generator waits, bounding memory at any size. */
const QUEUE_PER_WORKER = 32;

// Plain JavaScript evaluated in the worker, so the worker does not depend on the TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { gzipSync } = require('node:zlib');
const made = new Set();
parentPort.on('message', ({ path, bytes }) => {
  try {
    const dir = dirname(path);
    if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
    writeFileSync(path, gzipSync(bytes, { level: workerData.level }));
    parentPort.postMessage(null);
  } catch (error) {
    parentPort.postMessage(String(error && error.stack || error));
  }
});
`;

/** The date folders of a delivery, its `YYYYMMDDTHHMMZ` stamp, and its hour. */
export function datePath(timeMs: number): { dir: string; stamp: string; hour: string } {
  const iso = new Date(timeMs).toISOString();
  return {
    dir: `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`,
    stamp: `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`,
    hour: iso.slice(11, 13),
  };
}

/** `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<stamp>_<unique>.json.gz` */
export function cloudTrailFilePath(accountId: string, region: string, deliveryMs: number, unique: string): string {
  const { dir, stamp } = datePath(deliveryMs);
  return `AWSLogs/${accountId}/CloudTrail/${region}/${dir}/${accountId}_CloudTrail_${region}_${stamp}_${unique}.json.gz`;
}

/** `securityhub/<account>/<region>/YYYY/MM/DD/findings-<HH>.jsonl.gz`, one file per hour of events. */
export function findingsFilePath(accountId: string, region: string, timeMs: number): string {
  const { dir, hour } = datePath(timeMs);
  return `securityhub/${accountId}/${region}/${dir}/findings-${hour}.jsonl.gz`;
}

interface Lane {
  readonly worker: Worker;
  pending: number;
  wake: (() => void) | null;
}

export class DeliveryFileWriter {
  readonly #outDir: string;
  readonly #lanes: Lane[];
  readonly #encoder = new TextEncoder();
  #next = 0;
  #failure: string | null = null;

  constructor(outDir: string, workers = 2) {
    this.#outDir = outDir;
    this.#lanes = Array.from({ length: workers }, () => this.#startLane());
  }

  /** Queues one file; resolves once its worker has room, not when the file is on disk. */
  async write(relativePath: string, text: string): Promise<void> {
    this.#throwIfFailed();
    const lane = this.#lanes[this.#next++ % this.#lanes.length] as Lane;
    while (lane.pending >= QUEUE_PER_WORKER) await new Promise<void>((resolve) => (lane.wake = resolve));
    this.#throwIfFailed();
    const bytes = this.#encoder.encode(text);
    lane.pending++;
    // Transferring the buffer hands it over without copying.
    lane.worker.postMessage({ path: join(this.#outDir, relativePath), bytes }, [bytes.buffer]);
  }

  writeCloudTrail(relativePath: string, records: readonly unknown[]): Promise<void> {
    return this.write(relativePath, JSON.stringify({ Records: records }));
  }

  writeJsonLines(relativePath: string, lines: readonly unknown[]): Promise<void> {
    return this.write(relativePath, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  }

  /** Waits for every queued file, stops the workers, and reports the first failure, if any. */
  async close(): Promise<void> {
    for (const lane of this.#lanes) {
      while (lane.pending > 0) await new Promise<void>((resolve) => (lane.wake = resolve));
    }
    await Promise.all(this.#lanes.map((lane) => lane.worker.terminate()));
    this.#throwIfFailed();
  }

  /** Stops the workers without waiting for queued files, after generation itself failed. */
  async abort(): Promise<void> {
    await Promise.all(this.#lanes.map((lane) => lane.worker.terminate()));
  }

  #startLane(): Lane {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { level: GZIP_LEVEL } });
    const lane: Lane = { worker, pending: 0, wake: null };
    worker.on('message', (failure: string | null) => {
      lane.pending--;
      if (failure !== null) this.#failure ??= failure;
      const wake = lane.wake;
      lane.wake = null;
      wake?.();
    });
    worker.on('error', (error) => {
      // A dead worker answers nothing more, so nothing may wait on it.
      this.#failure ??= String(error);
      lane.pending = 0;
      lane.wake?.();
    });
    return lane;
  }

  #throwIfFailed(): void {
    if (this.#failure !== null) throw new Error(`writing delivery files failed: ${this.#failure}`);
  }
}
