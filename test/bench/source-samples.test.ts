// The per-source bench's files are real input: each sample ingests, as the bench ingests it, with no rejects,
// every event into its table and no other. (The bench's timings are never asserted.)

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ingestSample, prepareLake } from '../../bench/sample-ingest.ts';
import {
  BENCH_SOURCES,
  EVENTS_PER_FILE,
  SAMPLE_TABLES,
  sampleInputs,
  writeSourceSamples,
} from '../../bench/source-samples.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';

const root = tempDir('tarn-bench-samples-');
after(() => rm(root, { recursive: true, force: true }));

/** One full file and one partial one, so the last file's size is exercised too. */
const EVENTS = EVENTS_PER_FILE + 37;

for (const source of BENCH_SOURCES) {
  const table = SAMPLE_TABLES[source];
  test(`${source}: ${EVENTS} events in two files, all ingested into ${table}`, async () => {
    const data = join(root, source);
    assert.equal(await writeSourceSamples(data, source, EVENTS, 7), 2);
    const lake = join(root, `lake-${source}`);
    await prepareLake(lake, source);
    const summary = await ingestSample(lake, source, data);
    assert.deepEqual(summary.rejected, []);
    assert.deepEqual(summary.rows, { [table]: EVENTS });
  });
}

test('the archive samples hold the cloud_trail_mgmt files, which their baseline reads loose', async () => {
  const [mgmt, zip, tarGz] = ['cloud_trail_mgmt', 'cloud_trail_zip', 'cloud_trail_tar_gz'] as const;
  const names = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
  const loose = names(join(root, mgmt));
  assert.equal(loose.filter((name) => name.endsWith('.json.gz')).length, 2);
  for (const archive of [zip, tarGz]) {
    const inputs = sampleInputs(join(root, archive), archive);
    assert.deepEqual(names(inputs.baseline), loose);
    assert.equal(readdirSync(inputs.ingest).length, 1);
  }
});
