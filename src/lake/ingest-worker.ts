// One worker thread of the ingest pool (`ingest-worker-pool.ts`): reads an input's bytes and maps its
// records exactly as the main thread would (`mapWhileReading`), and posts back the staged lines, keys and rejects.

import { parentPort } from 'node:worker_threads';
import { parseLogFile } from '../sources/log-file-reader.ts';
import { mapWhileReading } from './ingest-input.ts';
import type { MappingJob, MappingReply } from './ingest-worker-pool.ts';

parentPort?.on('message', (job: MappingJob) => {
  let reply: MappingReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const options = job.format === undefined ? {} : { format: job.format };
    const prepared = mapWhileReading(
      (consume) => parseLogFile(job.name, bytes, options, consume),
      job.input,
      job.mapping,
    );
    // The lines' bytes move to the main thread rather than being copied: cloning megabytes cost more CPU than
    // making them (the main thread appends the bytes as they are).
    for (const part of prepared.parts) transfer.push(part.lines.buffer as ArrayBuffer);
    reply = { prepared };
  } catch (error) {
    reply = { failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply, transfer);
});
