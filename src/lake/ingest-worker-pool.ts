// Worker threads that read and map inputs for the batch (gunzip, decode, JSON.parse, mapping, rows as JSON
// lines: most of an ingest's JavaScript), so that reading uses every core. The main thread keeps the ledger,
// the tally and the staging files, and hands each worker an input's bytes.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RecordPlace } from '../mapping/record-place.ts';
import type { LogFormat } from '../sources/log-file.ts';
import { TarnError } from '../tarn-error.ts';
import type { PreparedInput } from './ingest-input.ts';

export interface MappingJob {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly format?: LogFormat;
  /** `--account`/`--region` and `--strict`, as `mapWhileReading` takes them. */
  readonly mapping: { readonly place?: RecordPlace; readonly strict?: boolean };
  readonly input: { readonly sha256: string; readonly bytes: number; readonly mtimeMs?: number };
}

export type MappingReply = { readonly prepared: PreparedInput } | { readonly failure: string };

/**
 * How many workers an ingest uses: `TARN_INGEST_WORKERS`, else one per CPU. 0 or 1 maps in the main thread.
 * Unless the number is set, workers start only once the batch has read `AUTO_START_BYTES`: for a few small
 * files, starting a worker costs more than it saves.
 */
export function ingestWorkers(env: NodeJS.ProcessEnv = process.env): { count: number; startAfterBytes: number } {
  const set = env.TARN_INGEST_WORKERS;
  if (set === undefined || set === '') return { count: availableParallelism(), startAfterBytes: AUTO_START_BYTES };
  const count = Number(set);
  if (!Number.isInteger(count) || count < 0)
    throw new TarnError(`TARN_INGEST_WORKERS: "${set}" is not a whole number`, 2);
  return { count, startAfterBytes: 0 };
}

const AUTO_START_BYTES = 8 << 20;

interface Lane {
  readonly worker: Worker;
  readonly waiting: { resolve: (prepared: PreparedInput) => void; reject: (error: Error) => void }[];
  failure: Error | null;
}

export class MappingPool {
  private readonly lanes: Lane[];

  constructor(size: number) {
    this.lanes = Array.from({ length: size }, () => startLane());
  }

  /** Reads and maps one input in the least busy worker. */
  map(job: MappingJob): Promise<PreparedInput> {
    const lane = this.lanes.reduce((best, lane) => (lane.waiting.length < best.waiting.length ? lane : best));
    if (lane.failure !== null) return Promise.reject(lane.failure);
    // A copy the worker owns: the bytes may be a slice of a larger buffer (an archive's), which a transfer
    // would detach whole.
    const bytes = new Uint8Array(job.bytes);
    return new Promise((resolve, reject) => {
      lane.waiting.push({ resolve, reject });
      lane.worker.postMessage({ ...job, bytes }, [bytes.buffer]);
    });
  }

  /**
   * Stops the workers; resolves once they have exited and their heaps are freed. The batch waits for that before
   * DuckDB writes: two exiting workers still held about 250 MB for a second or two after the read of 1M events.
   */
  async close(): Promise<void> {
    for (const lane of this.lanes) failLane(lane, new Error('the ingest worker pool was closed'));
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }
}

function startLane(): Lane {
  const lane: Lane = { worker: startWorker(), waiting: [], failure: null };
  lane.worker.on('message', (reply: MappingReply) => {
    const next = lane.waiting.shift();
    if ('prepared' in reply) next?.resolve(reply.prepared);
    else next?.reject(new Error(`ingest worker: ${reply.failure}`));
  });
  lane.worker.on('error', (error) => failLane(lane, error));
  lane.worker.on('exit', (code) => failLane(lane, new Error(`ingest worker exited with code ${code}`)));
  return lane;
}

function failLane(lane: Lane, error: Error): void {
  lane.failure ??= error;
  for (const job of lane.waiting.splice(0)) job.reject(lane.failure);
}

/**
 * A larger young generation than V8's default: a delivery file's records live while it is mapped, and with the
 * default most of them were promoted and collected again (15% less CPU over 60,000 events at 32 MB semi-spaces).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };

function startWorker(): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const script = new URL(`./ingest-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  if (compiled) return new Worker(script, { resourceLimits: RESOURCE_LIMITS });
  // Run from the TypeScript sources (no build): tsx is registered in the worker before its modules load.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = `import(${tsx}).then((api) => { api.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(boot, { eval: true, execArgv: [], resourceLimits: RESOURCE_LIMITS });
}
