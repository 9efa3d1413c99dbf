// Rejected input is kept, with its reason, in `_tarn/dead-letter/<batch>.jsonl`: nothing is dropped silently.

import { appendFileSync, mkdirSync } from 'node:fs';
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

  add(reject: Reject): void {
    if (this.count === 0) mkdirSync(dirname(this.stagedPath), { recursive: true });
    this.count++;
    const raw = reject.raw === undefined ? null : reject.raw.slice(0, RAW_LIMIT);
    const entry = { file: reject.file, record: reject.record, reason: reject.reason, raw };
    appendFileSync(this.stagedPath, `${JSON.stringify(entry)}\n`);
  }
}
