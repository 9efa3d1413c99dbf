// bench:respond times each question answered by Tarn beside DuckDB and jq over the raw delivery files; the
// comparison means something only if the three answer alike. On a small generated incident, ingested once with
// us-west-2 (the reference queries' region) as the rollup region and once with another, every raw command
// answers as many rows as Tarn. (Timings are never asserted.)

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbRows, runJq } from '../../bench/raw-answers.ts';
import { detectQuestion, principalQuestion, type RawQuestion, referenceQuestions } from '../../bench/raw-questions.ts';
import { investigatedPrincipal, singleEventHits } from '../../bench/tarn-answers.ts';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../../src/scenario/reference-queries.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';

const root = tempDir('tarn-raw-questions-');
const raw = join(root, 'data');
let facts: ScenarioFacts;
const instance = DuckDBInstance.create(':memory:');

before(async () => {
  facts = await generateScenario({ outDir: raw, events: 2000, seed: 5, networkEvents: 200 });
  for (const region of ['us-west-2', 'us-east-1']) {
    await ingest({ lakeDir: join(root, region), paths: [raw], rollupRegion: region });
  }
});
after(async () => {
  (await instance).closeSync();
  await rm(root, { recursive: true, force: true });
});

/** DuckDB's and jq's counts of a raw question, which must both be `expected`. */
async function assertRawAnswers(question: RawQuestion, expected: number): Promise<void> {
  const connection = await (await instance).connect();
  try {
    assert.equal(await duckdbRows(connection, question, raw), expected, `${question.name}: DuckDB over the raw files`);
  } finally {
    connection.closeSync();
  }
  assert.equal(runJq(question, raw), expected, `${question.name}: jq over the raw files`);
}

for (const rollupRegion of ['us-west-2', 'us-east-1']) {
  test(`Q1–Q6 over the raw files answer Tarn's row counts (rollup region ${rollupRegion})`, async () => {
    const engine = await openQueryEngine({ lakeDir: join(root, rollupRegion) });
    const counts: number[] = [];
    try {
      for (const query of REFERENCE_QUERIES) {
        counts.push((await engine.run(fillAccount(query.sql, facts.incidentAccountId))).rows.length);
      }
    } finally {
      await engine.close();
    }
    const questions = referenceQuestions({ rollupRegion, account: facts.incidentAccountId });
    assert.deepEqual(
      questions.map((q) => q.name),
      ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'],
    );
    for (const [i, question] of questions.entries()) await assertRawAnswers(question, counts[i] as number);
    // With us-west-2 covering every region each question has an answer, IAM's us-east-1 calls included.
    if (rollupRegion === 'us-west-2')
      assert.ok(
        counts.every((n) => n > 0),
        `every question answered: ${counts}`,
      );
    else assert.equal(counts[2], 0, 'IAM calls are recorded in us-east-1, outside the us-west-2 table');
  });
}

test("the principal's events over the raw files are those investigate read", async () => {
  const io = collectingIO();
  const code = await runCli(
    ['investigate', '--principal', 'Service_Backup', '--format', 'json', '--lake', join(root, 'us-west-2')],
    io,
  );
  assert.equal(code, 0, io.err.join(''));
  const principal = investigatedPrincipal(io.out.join(''));
  assert.ok(principal.events > 0);
  await assertRawAnswers(principalQuestion(principal), principal.events);
});

test("the single-event detection rules' hits are the raw events their filters select", async () => {
  const engine = await openQueryEngine({ lakeDir: join(root, 'us-west-2') });
  const hits = await singleEventHits(engine).finally(() => engine.close());
  assert.ok(hits > 0, 'the incident creates users and roles');
  await assertRawAnswers(detectQuestion(), hits);
});
