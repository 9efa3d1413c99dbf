// The console's history and saved queries, kept in the lake folder (`_tarn/console/`) so that they survive
// restarts and travel with the lake.

import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface HistoryItem {
  readonly sql: string;
  readonly time: string;
  readonly rows: number | null;
  readonly elapsed_ms: number;
  readonly error: string | null;
}

export interface SavedQuery {
  readonly name: string;
  readonly sql: string;
  readonly saved_at: string;
}

const HISTORY_SHOWN = 200;

export class ConsoleStore {
  private readonly dir: string;

  constructor(lakeDir: string) {
    this.dir = join(lakeDir, '_tarn', 'console');
  }

  async addHistory(item: HistoryItem): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(join(this.dir, 'history.jsonl'), `${JSON.stringify(item)}\n`);
  }

  /** Newest first. A torn last line (a crash mid-append) is skipped, not fatal. */
  async history(): Promise<HistoryItem[]> {
    const text = await readOr(join(this.dir, 'history.jsonl'), '');
    const items = text.split('\n').flatMap((line) => {
      try {
        return line === '' ? [] : [JSON.parse(line) as HistoryItem];
      } catch {
        return [];
      }
    });
    return items.slice(-HISTORY_SHOWN).reverse();
  }

  async saved(): Promise<SavedQuery[]> {
    return JSON.parse(await readOr(join(this.dir, 'saved.json'), '[]')) as SavedQuery[];
  }

  /** A query saved under a name already used replaces it. */
  async save(name: string, sql: string): Promise<SavedQuery[]> {
    const others = (await this.saved()).filter((q) => q.name !== name);
    return this.writeSaved([...others, { name, sql, saved_at: new Date().toISOString() }]);
  }

  async remove(name: string): Promise<SavedQuery[]> {
    return this.writeSaved((await this.saved()).filter((q) => q.name !== name));
  }

  private async writeSaved(queries: SavedQuery[]): Promise<SavedQuery[]> {
    await mkdir(this.dir, { recursive: true });
    const next = join(this.dir, 'saved.json.next');
    await writeFile(next, `${JSON.stringify(queries, null, 2)}\n`);
    await rename(next, join(this.dir, 'saved.json'));
    return queries;
  }
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}
