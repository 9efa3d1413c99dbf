// Mapped rows wait in newline-delimited JSON chunks, one series per source, until DuckDB turns them into
// Parquet. Chunks bound the memory each COPY needs and let writing start while reading goes on.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { OcsfRow } from '../mapping/ocsf-row.ts';

const FLUSH_BYTES = 4 << 20;

export interface StagedChunk {
  readonly source: string;
  readonly path: string;
  readonly rows: number;
}

interface OpenChunk {
  readonly source: string;
  readonly path: string;
  readonly fd: number;
  rows: number;
  pending: string;
}

/** Synchronous writes: one row is a few hundred bytes, and a promise per row would cost more than the write. */
export class RowStager {
  private readonly open = new Map<string, OpenChunk>();
  private readonly done: StagedChunk[] = [];
  private sequence = 0;

  constructor(
    private readonly dir: string,
    private readonly rowsPerChunk: number,
  ) {}

  add(source: string, row: OcsfRow): void {
    let chunk = this.open.get(source);
    if (!chunk) {
      mkdirSync(this.dir, { recursive: true });
      const path = join(this.dir, `${source.replaceAll('/', '_')}-${this.sequence++}.jsonl`);
      chunk = { source, path, fd: openSync(path, 'w'), rows: 0, pending: '' };
      this.open.set(source, chunk);
    }
    chunk.pending += `${JSON.stringify(row)}\n`;
    chunk.rows++;
    if (chunk.pending.length >= FLUSH_BYTES) flush(chunk);
    if (chunk.rows >= this.rowsPerChunk) this.close(chunk);
  }

  /** Chunks that are complete, to be written while reading goes on; each is handed out once. */
  takeCompleted(): StagedChunk[] {
    return this.done.splice(0);
  }

  finish(): StagedChunk[] {
    for (const chunk of [...this.open.values()]) this.close(chunk);
    return this.takeCompleted();
  }

  private close(chunk: OpenChunk): void {
    flush(chunk);
    closeSync(chunk.fd);
    this.open.delete(chunk.source);
    this.done.push({ source: chunk.source, path: chunk.path, rows: chunk.rows });
  }
}

function flush(chunk: OpenChunk): void {
  if (chunk.pending.length === 0) return;
  writeSync(chunk.fd, chunk.pending);
  chunk.pending = '';
}
