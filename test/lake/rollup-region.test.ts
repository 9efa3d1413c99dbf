// The rollup region's tables cover every region, as in Security Lake; the choice is saved in the lake.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { readLakeConfig } from '../../src/lake/lake-config.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const PANTHER = join(SHARED, 'datasets/panther-analysis/panther_tests_cloudtrail.jsonl');
const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');

async function rowsByTable(lake: string, region: string): Promise<number> {
  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    const table = `amazon_security_lake_table_${region.replaceAll('-', '_')}_cloud_trail_mgmt_2_0`;
    const result = await engine.run(`SELECT count(*) FROM ${table}`);
    return Number(result.rows[0]?.[0]);
  } finally {
    await engine.close();
  }
}

test('--rollup-region is saved and later ingests keep it; its tables hold every region', async () => {
  const lake = tempDir();
  const first = await ingest({ lakeDir: lake, paths: [INVICTUS], rollupRegion: 'eu-west-1' });
  assert.equal(first.rollupRegion, 'eu-west-1');
  const second = await ingest({ lakeDir: lake, paths: [PANTHER] });
  assert.equal(second.rollupRegion, 'eu-west-1');
  assert.deepEqual(await readLakeConfig(lake), { rollupRegion: 'eu-west-1' });

  const mgmt = (first.rows.cloud_trail_mgmt ?? 0) + (second.rows.cloud_trail_mgmt ?? 0);
  assert.equal(await rowsByTable(lake, 'eu-west-1'), mgmt, 'the rollup region sees every region');
  assert.equal((await rowsByTable(lake, 'us-east-1')) < mgmt, true, 'another region sees its own rows only');
});

test('without the option, the rollup region is the region of the first record ingested', async () => {
  const lake = tempDir();
  const summary = await ingest({ lakeDir: lake, paths: [INVICTUS] });
  assert.equal(summary.rollupRegion, 'us-east-1');
  assert.deepEqual(await readLakeConfig(lake), { rollupRegion: 'us-east-1' });
});
