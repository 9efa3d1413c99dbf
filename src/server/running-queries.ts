// Queries in flight, each on an engine of its own (so one person's long query never waits on another's), by
// the id the client gave it, so that a later request can cancel it.

import { openQueryEngine, type QueryEngine, QueryError, type QueryResult } from '../query/index.ts';

export interface QueryLimits {
  readonly timeoutMs: number;
  /** Queries running at once; one more is refused rather than queued. */
  readonly concurrent: number;
}

export class RunningQueries {
  private readonly running = new Map<string, { engine: QueryEngine | null; cancelled: boolean }>();

  constructor(
    private readonly lakeDir: string,
    private readonly limits: QueryLimits,
  ) {}

  get full(): boolean {
    return this.running.size >= this.limits.concurrent;
  }

  async run(id: string, sql: string, maxRows: number): Promise<QueryResult> {
    if (this.running.has(id)) throw new QueryError('refused', `a query with id ${id} is already running`);
    const slot: { engine: QueryEngine | null; cancelled: boolean } = { engine: null, cancelled: false };
    this.running.set(id, slot);
    try {
      slot.engine = await openQueryEngine({ lakeDir: this.lakeDir, timeoutMs: this.limits.timeoutMs });
      if (slot.cancelled) throw new QueryError('cancelled', 'Query was cancelled');
      return await slot.engine.run(sql, { maxRows });
    } finally {
      this.running.delete(id);
      await slot.engine?.close();
    }
  }

  /** False when no query has that id (it has finished, or never ran). */
  cancel(id: string): boolean {
    const slot = this.running.get(id);
    if (slot === undefined) return false;
    slot.cancelled = true;
    slot.engine?.cancel();
    return true;
  }
}
