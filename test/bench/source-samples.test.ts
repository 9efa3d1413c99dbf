// The per-source bench's files are real input: each source's samples ingest with no rejects, every event into
// that source's table and no other. (The bench's timings are never asserted.)

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BENCH_SOURCES, EVENTS_PER_FILE, writeSourceSamples } from '../../bench/source-samples.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';

const root = tempDir('tarn-bench-samples-');
after(() => rm(root, { recursive: true, force: true }));

/** One full file and one partial one, so the last file's size is exercised too. */
const EVENTS = EVENTS_PER_FILE + 37;

for (const source of BENCH_SOURCES) {
  test(`${source}: ${EVENTS} events in two files, all ingested into ${source}`, async () => {
    const data = join(root, source);
    assert.equal(await writeSourceSamples(data, source, EVENTS, 7), 2);
    const summary = await ingest({ lakeDir: join(root, `lake-${source}`), paths: [data] });
    assert.deepEqual(summary.rejected, []);
    assert.deepEqual(summary.rows, { [source]: EVENTS });
  });
}
