// A lake for the maintenance tests: two CloudTrail batches landing in the same partition, and two batches of a
// custom source on one day, so every partition has several files; and what queries answer from it.

import assert from 'node:assert/strict';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCustomSource } from '../../src/lake/custom-source-registry.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { apiActivity, jsonLines, OCSF_SCHEMA } from './custom-source-events.ts';
import { runTarn, tempDir } from './lake-fixtures.ts';
import { SHARED } from './ocsf-validator.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');
const TRAIL = 'amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0';
const ACME = 'amazon_security_lake_table_us_east_1_ext_acme_api';

/** Queries whose answers must not change when files are merged, each with an ORDER BY that fixes row order. */
export const EQUIVALENCE_QUERIES = [
  `SELECT count(*), count(DISTINCT metadata.uid), sum(time), min(time_dt), max(time_dt) FROM ${TRAIL}`,
  `SELECT api.operation, count(*) AS n FROM ${TRAIL} GROUP BY 1 ORDER BY 2 DESC, 1`,
  `SELECT metadata.uid, time, actor.user.name, src_endpoint.ip, accountid, region FROM ${TRAIL} ORDER BY metadata.uid`,
  `SELECT metadata.uid, time, actor.user.name, api.operation FROM ${ACME} ORDER BY metadata.uid`,
  `SELECT count(*) FROM ${TRAIL} WHERE time_dt >= TIMESTAMP '2023-07-10 12:00:00'`,
];

export async function buildMaintenanceLake(): Promise<string> {
  const lake = tempDir('tarn-maint-');
  const files = readdirSync(INVICTUS).sort();
  const half = Math.floor(files.length / 2);
  for (const part of [files.slice(0, half), files.slice(half)]) {
    const run = await runTarn(['ingest', '--lake', lake, '--no-detect', ...part.map((name) => join(INVICTUS, name))]);
    assert.equal(run.code, 0, run.stderr);
  }
  await addCustomSource(lake, { name: 'acme-api', eventClass: 'API_ACTIVITY', given: OCSF_SCHEMA });
  const inputs = tempDir();
  for (const batch of [0, 1]) {
    const events = Array.from({ length: 30 }, (_, i) =>
      apiActivity(`acme-${batch}-${i}`, 1_710_079_200_000 + i * 60_000),
    );
    // The second batch carries an attribute the first lacks: the merged file must keep both shapes.
    const withExtra = batch === 1 ? events.map((e) => ({ ...e, message: 'second batch' })) : events;
    const path = join(inputs, `acme-${batch}.jsonl`);
    writeFileSync(path, jsonLines(withExtra));
    const run = await runTarn(['ingest', '--lake', lake, '--no-detect', '--source', 'acme-api', path]);
    assert.equal(run.code, 0, run.stderr);
  }
  return lake;
}

export function copyLake(lake: string): string {
  const copy = tempDir('tarn-maint-copy-');
  cpSync(lake, copy, { recursive: true });
  return copy;
}

export async function answers(lake: string, queries: readonly string[] = EQUIVALENCE_QUERIES): Promise<string[]> {
  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    const out: string[] = [];
    for (const sql of queries)
      out.push(JSON.stringify((await engine.run(sql)).rows, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    return out;
  } finally {
    await engine.close();
  }
}

/** What a killed writer may leave and the next one clears: not part of the lake's state. */
export const transient = (path: string) =>
  path.startsWith('_tarn/staging') || path === '_tarn/lock' || path === '_tarn/pending.json';
