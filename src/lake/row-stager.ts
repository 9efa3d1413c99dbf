// Mapped rows wait in newline-delimited JSON chunks, one series per source, until the batch is written as
// Parquet. Chunks bound the memory DuckDB needs per COPY, whatever the size of the batch.

import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { OcsfRow } from '../mapping/ocsf-row.ts';

const FLUSH_BYTES = 4 << 20;

export interface StagedChunk {
  readonly source: string;
  readonly path: string;
  readonly rows: number;
}

interface OpenChunk {
  chunk: { source: string; path: string; rows: number };
  pending: string[];
  pendingBytes: number;
}

export class RowStager {
  private readonly open = new Map<string, OpenChunk>();
  private readonly done: StagedChunk[] = [];
  private sequence = 0;

  constructor(
    private readonly dir: string,
    private readonly rowsPerChunk: number,
  ) {}

  async add(source: string, row: OcsfRow): Promise<void> {
    let current = this.open.get(source);
    if (!current) {
      await mkdir(this.dir, { recursive: true });
      const path = join(this.dir, `${source.replaceAll('/', '_')}-${this.sequence++}.jsonl`);
      current = { chunk: { source, path, rows: 0 }, pending: [], pendingBytes: 0 };
      this.open.set(source, current);
    }
    const line = JSON.stringify(row);
    current.pending.push(line);
    current.pendingBytes += line.length + 1;
    current.chunk.rows++;
    if (current.pendingBytes >= FLUSH_BYTES) await flush(current);
    if (current.chunk.rows >= this.rowsPerChunk) await this.close(source, current);
  }

  /** Chunks that are complete, to be written while reading goes on; each is handed out once. */
  takeCompleted(): StagedChunk[] {
    return this.done.splice(0);
  }

  async finish(): Promise<StagedChunk[]> {
    for (const [source, current] of [...this.open]) await this.close(source, current);
    return this.takeCompleted();
  }

  private async close(source: string, current: OpenChunk): Promise<void> {
    await flush(current);
    this.open.delete(source);
    this.done.push(current.chunk);
  }
}

async function flush(current: OpenChunk): Promise<void> {
  if (current.pending.length === 0) return;
  await appendFile(current.chunk.path, `${current.pending.join('\n')}\n`);
  current.pending = [];
  current.pendingBytes = 0;
}
