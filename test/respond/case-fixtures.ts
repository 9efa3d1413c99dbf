// A small real lake and a case with one entry of each kind, built through the CLI, for the case tests.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingest } from '../../src/lake/ingest-job.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { tarn } from '../helpers/run-cli.ts';

export const CASE = 'IR-2024-001';
export const OPERATIONS_SQL = `SELECT api.operation, count(*) AS n
FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0
GROUP BY 1 ORDER BY 2 DESC, 1`;
export const USERS_SQL = `SELECT DISTINCT actor.user.name AS name
FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0 ORDER BY 1`;

export async function smallLake(): Promise<string> {
  const lakeDir = tempDir('tarn-case-lake-');
  await ingest({ lakeDir, paths: [join(SHARED, 'datasets/OTRF_Security-Datasets/atomic/aws/collection')] });
  return lakeDir;
}

/** Entries: 1 open, 2 query, 3 note, 4 file, 5 query. Returns the cases folder. */
export async function caseWithEvidence(lakeDir: string): Promise<string> {
  const cases = tempDir('tarn-cases-');
  const report = join(tempDir(), 'triage-report.md');
  await writeFile(report, '# Triage\n\nEC2 instance used as a proxy to read S3.\n');
  const steps = [
    ['open', CASE],
    ['add', CASE, '--query', OPERATIONS_SQL, '--lake', lakeDir, '--title', 'API calls by operation'],
    ['add', CASE, '--note', 'Burst of Describe* calls from one role.\nLooks like discovery.'],
    ['add', CASE, '--file', report, '--title', 'triage report'],
    ['add', CASE, '--query', USERS_SQL, '--lake', lakeDir],
  ];
  for (const step of steps) {
    const result = await tarn('case', ...step, '--cases', cases, '--analyst', 'alice');
    assert.equal(result.code, 0, result.err);
  }
  return cases;
}

export async function logLines(caseDir: string): Promise<string[]> {
  return (await readFile(join(caseDir, 'log.jsonl'), 'utf8')).split('\n').slice(0, -1);
}

export async function writeLogLines(caseDir: string, lines: readonly string[]): Promise<void> {
  await writeFile(join(caseDir, 'log.jsonl'), lines.map((line) => `${line}\n`).join(''));
}
