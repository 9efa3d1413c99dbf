// Worker threads that read and map inputs for the batch (gunzip, decode, JSON.parse, mapping, rows as JSON
// lines: most of an ingest's JavaScript), so that reading uses every core. The main thread keeps the ledger,
// the tally and the staging files, and hands the workers inputs' bytes, many small inputs to a message.

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
  /** Read with `readInputBytes`'s `'defer'`: a gzip that holds an archive is named, not read. */
  readonly archives?: boolean;
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

/**
 * About 6,000 CloudTrail events: more is mapped faster with the workers' start paid. At 8 MiB, ten large delivery
 * files were mapped on the main thread alone while the other core waited (a second of a 40-file ingest's nine).
 */
const AUTO_START_BYTES = 1 << 20;

/**
 * Inputs go to a worker in messages of up to this many inputs or bytes: a message and the worker's wake-up
 * cost about as much as mapping a small delivery file, so one per input doubled their cost.
 */
export const MESSAGE_INPUTS = 64;
export const MESSAGE_BYTES = 1 << 20;

/**
 * Whether the message being gathered goes before an input of `bytes` joins it: an input that would take it past
 * `MESSAGE_BYTES` starts the next one. Two large delivery files (0.8 MB gzipped) to a message left one worker idle
 * a fifth of the read: the results of a message come back together and land in order, and the few messages the
 * landing lets in flight did not go round two workers evenly.
 */
export function sendsFirst(gathered: { readonly inputs: number; readonly bytes: number }, bytes: number): boolean {
  return gathered.inputs > 0 && gathered.bytes + bytes > MESSAGE_BYTES;
}

interface Waiting {
  readonly resolve: (prepared: PreparedInput) => void;
  readonly reject: (error: Error) => void;
}

interface Lane {
  readonly worker: Worker;
  /** One entry per input sent and not yet answered, in the order sent. */
  readonly waiting: Waiting[];
  failure: Error | null;
}

export class MappingPool {
  private readonly lanes: Lane[];
  private pending: { job: MappingJob; waiting: Waiting }[] = [];
  private pendingBytes = 0;

  constructor(size: number) {
    this.lanes = Array.from({ length: size }, () => startLane());
  }

  /**
   * Reads and maps one input in the least busy worker. Inputs gather into one message until it is full, or
   * until the caller next waits (a microtask): whoever waits for a result has its input sent.
   */
  map(job: MappingJob): Promise<PreparedInput> {
    return new Promise((resolve, reject) => {
      if (sendsFirst({ inputs: this.pending.length, bytes: this.pendingBytes }, job.bytes.byteLength)) this.send();
      if (this.pending.length === 0) queueMicrotask(() => this.send());
      this.pending.push({ job, waiting: { resolve, reject } });
      this.pendingBytes += job.bytes.byteLength;
      if (this.pending.length >= MESSAGE_INPUTS || this.pendingBytes >= MESSAGE_BYTES) this.send();
    });
  }

  /**
   * Stops the workers; resolves once they have exited and their heaps are freed. The batch waits for that before
   * DuckDB writes: two exiting workers still held about 250 MB for a second or two after the read of 1M events.
   */
  async close(): Promise<void> {
    const closed = new Error('the ingest worker pool was closed');
    for (const { waiting } of this.pending.splice(0)) waiting.reject(closed);
    for (const lane of this.lanes) failLane(lane, closed);
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }

  private send(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.pendingBytes = 0;
    const lane = this.lanes.reduce((best, lane) => (lane.waiting.length < best.waiting.length ? lane : best));
    if (lane.failure !== null) {
      for (const { waiting } of batch) waiting.reject(lane.failure);
      return;
    }
    // One buffer the worker owns for the message's inputs: the bytes may be slices of larger buffers (an
    // archive's), which a transfer would detach whole.
    const all = new Uint8Array(batch.reduce((sum, { job }) => sum + job.bytes.byteLength, 0));
    let offset = 0;
    const jobs = batch.map(({ job, waiting }) => {
      const bytes = all.subarray(offset, offset + job.bytes.byteLength);
      bytes.set(job.bytes);
      offset += bytes.length;
      lane.waiting.push(waiting);
      return { ...job, bytes };
    });
    lane.worker.postMessage(jobs, [all.buffer]);
  }
}

function startLane(): Lane {
  const lane: Lane = { worker: startWorker(), waiting: [], failure: null };
  lane.worker.on('message', (replies: MappingReply[]) => {
    for (const reply of replies) {
      const next = lane.waiting.shift();
      if ('prepared' in reply) next?.resolve(reply.prepared);
      else next?.reject(new Error(`ingest worker: ${reply.failure}`));
    }
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
