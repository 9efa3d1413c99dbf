// One worker thread of the ingest pool (`ingest-worker-pool.ts`): reads an input's bytes and maps its
// records exactly as the main thread would (`mapRead`), and posts back the staged lines, keys and rejects.

import { parentPort } from 'node:worker_threads';
import { parseLogFile } from '../sources/log-file-reader.ts';
import { mapRead } from './ingest-input.ts';
import type { MappingJob, MappingReply } from './ingest-worker-pool.ts';

parentPort?.on('message', (job: MappingJob) => {
  let reply: MappingReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const read = parseLogFile(job.name, bytes, job.format === undefined ? {} : { format: job.format });
    const prepared = mapRead(read, job.input, job.mapping);
    // The lines as UTF-8, moved to the main thread rather than copied: cloning megabytes of text cost more
    // CPU than encoding it (the main thread appends the bytes as they are).
    const parts = prepared.parts.map((part) => {
      const lines = typeof part.lines === 'string' ? encoder.encode(part.lines) : part.lines;
      transfer.push(lines.buffer as ArrayBuffer);
      return { ...part, lines };
    });
    reply = { prepared: { ...prepared, parts } };
  } catch (error) {
    reply = { failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply, transfer);
});

const encoder = new TextEncoder();
