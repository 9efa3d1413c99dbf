// Rejected input is kept, with its reason, in `_tarn/dead-letter/<batch>.jsonl`: nothing is dropped silently.

import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Reject } from '../sources/log-file.ts';
import { TARN_DIR } from './ledger.ts';

const RAW_LIMIT = 64 * 1024;

export function deadLetterPath(batchId: string): string {
  return `${TARN_DIR}/dead-letter/${batchId}.jsonl`;
}

export class DeadLetterWriter {
  private count = 0;

  constructor(readonly stagedPath: string) {}

  get rejected(): number {
    return this.count;
  }

  async add(reject: Reject): Promise<void> {
    if (this.count === 0) await mkdir(dirname(this.stagedPath), { recursive: true });
    this.count++;
    const raw = reject.raw === undefined ? null : reject.raw.slice(0, RAW_LIMIT);
    const entry = { file: reject.file, record: reject.record, reason: reject.reason, raw };
    await appendFile(this.stagedPath, `${JSON.stringify(entry)}\n`);
  }
}
