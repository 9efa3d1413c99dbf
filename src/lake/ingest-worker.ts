// One worker thread of the ingest pool (`ingest-worker-pool.ts`): reads each input of a message and maps its
// records exactly as the main thread would (`mapWhileReading`), and posts back, in one message, each input's
// staged lines, keys and rejects.

import { parentPort } from 'node:worker_threads';
import { parseLogFile } from '../sources/log-file-reader.ts';
import { mapWhileReading } from './ingest-input.ts';
import type { MappingJob, MappingReply } from './ingest-worker-pool.ts';

parentPort?.on('message', (jobs: MappingJob[]) => {
  const transfer: ArrayBuffer[] = [];
  const replies = jobs.map((job): MappingReply => {
    try {
      const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
      const options = { ...(job.format && { format: job.format }), ...(job.archives && { archives: true }) };
      const prepared = mapWhileReading(
        (consume) => parseLogFile(job.name, bytes, options, consume),
        job.input,
        job.mapping,
      );
      // The lines' bytes (one buffer for all of an input's parts) move to the main thread rather than being
      // copied: cloning megabytes cost more CPU than making them (the main thread appends them as they are).
      const [first] = prepared.parts;
      if (first !== undefined) transfer.push(first.lines.buffer as ArrayBuffer);
      return { prepared };
    } catch (error) {
      return { failure: error instanceof Error ? error.message : String(error) };
    }
  });
  parentPort?.postMessage(replies, transfer);
});
