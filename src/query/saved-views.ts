// Views saved in the lake by CREATE VIEW (and removed by DROP VIEW): one file of Athena SQL per view, `_tarn/views/<name>.sql`, written
// atomically (a temporary file renamed over the old one), so a view is either wholly there or not at all.

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TARN_DIR } from '../lake/ledger.ts';

export interface SavedView {
  readonly name: string;
  /** The view's query, in Athena SQL, as written. */
  readonly query: string;
}

const VIEWS_DIR = join(TARN_DIR, 'views');

export async function readSavedViews(lakeDir: string): Promise<SavedView[]> {
  let names: string[];
  try {
    names = (await readdir(join(lakeDir, VIEWS_DIR))).filter((file) => /^[a-z_][a-z0-9_]*\.sql$/.test(file)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (file) => ({
      name: file.slice(0, -'.sql'.length),
      query: await readFile(join(lakeDir, VIEWS_DIR, file), 'utf8'),
    })),
  );
}

export async function writeSavedView(lakeDir: string, view: SavedView): Promise<void> {
  const dir = join(lakeDir, VIEWS_DIR);
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${view.name}.${randomUUID()}.tmp`);
  await writeFile(temporary, view.query);
  await rename(temporary, join(dir, `${view.name}.sql`));
}

export async function deleteSavedView(lakeDir: string, name: string): Promise<void> {
  await rm(join(lakeDir, VIEWS_DIR, `${name}.sql`), { force: true });
}
