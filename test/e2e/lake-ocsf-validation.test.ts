// Everything the lake holds, read back through the query engine, is valid OCSF 1.1.0: the synthetic
// organization (CloudTrail, findings, VPC flow, Resolver and WAF logs) and every real dataset in one lake,
// every row of every table checked by the validator in ../shared. The rollup region's tables cover all
// regions, so each row is read exactly once.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import type { IngestSummary } from '../../src/lake/ingest-summary.ts';
import { openQueryEngine, type QueryEngine } from '../../src/query/index.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED, toOcsfEvent, validateOcsf } from '../helpers/ocsf-validator.ts';
import { validationErrors } from '../mapping/golden-cases.ts';
import { datetimeValues, OCSF_DATETIME, resultObjects } from './engine-rows.ts';

const ROLLUP = 'us-west-2';

/** The classes Security Lake 2.0 writes to each table (see ../shared/reference/security-lake-2.0-mapping.md). */
const TABLE_CLASSES: Readonly<Record<string, readonly number[]>> = {
  // Account Change, Authentication and API Activity share the management-event table.
  cloud_trail_mgmt: [3001, 3002, 6003],
  s3_data: [6003],
  lambda_execution: [6003],
  // Vulnerability (Inspector), Compliance (Security Hub controls), Detection (GuardDuty, Macie).
  sh_findings: [2002, 2003, 2004],
  // DNS Activity (Route 53 Resolver query logs).
  route53: [4003],
  // Network Activity (VPC flow logs) and HTTP Activity (WAF).
  vpc_flow: [4001],
  waf: [4002],
};

let root: string;
let facts: ScenarioFacts;
const summaries: IngestSummary[] = [];
let engine: QueryEngine;
/** Per source: the rollup table's rows as OCSF events. */
const events = new Map<string, Record<string, unknown>[]>();

before(async () => {
  root = tempDir('tarn-e2e-ocsf-');
  const lakeDir = join(root, 'lake');
  facts = await generateScenario({ outDir: join(root, 'data'), events: 1500, seed: 3 });
  summaries.push(await ingest({ lakeDir, paths: [join(root, 'data')], rollupRegion: ROLLUP }));
  summaries.push(await ingest({ lakeDir, paths: [join(SHARED, 'datasets')] }));
  engine = await openQueryEngine({ lakeDir });
  for (const table of engine.catalog.tables) {
    if (table.region !== engine.catalog.rollupRegion || table.files.length === 0) continue;
    const result = await engine.run(`SELECT * FROM ${table.name}`);
    events.set(table.source, resultObjects(result).map(toOcsfEvent));
  }
});

after(async () => {
  await engine?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

test('the rollup region stays the one set first, and its tables hold every row of every region', () => {
  assert.equal(engine.catalog.rollupRegion, ROLLUP);
  // The datasets add regions of their own (us-east-1, eu-west-1, …) that the scenario does not have.
  assert.ok(engine.catalog.regions.length > facts.regions.length);
  const written: Record<string, number> = {};
  for (const summary of summaries) {
    for (const [source, rows] of Object.entries(summary.rows)) written[source] = (written[source] ?? 0) + rows;
  }
  const read = Object.fromEntries([...events].map(([source, rows]) => [source, rows.length]));
  assert.deepEqual(read, written);
  // The scenario alone fills all seven tables.
  assert.deepEqual(Object.keys(read).sort(), Object.keys(TABLE_CLASSES).sort());
  assert.ok((read.cloud_trail_mgmt ?? 0) >= facts.counts.managementEvents);
  assert.ok((read.sh_findings ?? 0) >= facts.counts.findings);
});

test('each table holds the OCSF classes Security Lake puts there', () => {
  for (const [source, rows] of events) {
    const classes = new Set(rows.map((row) => row.class_uid));
    const allowed = TABLE_CLASSES[source];
    assert.ok(allowed, `unexpected table ${source}`);
    for (const uid of classes) assert.ok(allowed.includes(uid as number), `${source} has class ${uid}`);
    for (const row of rows) assert.equal(row.type_uid, (row.class_uid as number) * 100 + (row.activity_id as number));
  }
  // The scenario has IAM changes, console sign-ins and other calls, and findings of all three kinds,
  // so every expected class occurs, not just some.
  assert.deepEqual(new Set(events.get('cloud_trail_mgmt')?.map((row) => row.class_uid)), new Set([3001, 3002, 6003]));
  assert.deepEqual(new Set(events.get('sh_findings')?.map((row) => row.class_uid)), new Set([2002, 2003, 2004]));
});

test('every datetime read back is RFC 3339, as OCSF datetime_t requires', () => {
  let checked = 0;
  for (const [source, rows] of events) {
    for (const row of rows) {
      for (const [path, value] of datetimeValues(row)) {
        assert.ok(typeof value === 'string' && OCSF_DATETIME.test(value), `${source} ${path}: ${String(value)}`);
        checked++;
      }
      // time_dt is the same instant as the epoch-millisecond time column.
      assert.equal(Date.parse(String(row.time_dt)), row.time, `${source} time_dt`);
    }
  }
  assert.ok(checked > 0);
});

test('every row of every table is valid OCSF 1.1.0 (WAF: but for the two attributes its table has no column for)', () => {
  const { counts } = facts;
  const notWaf = [...events].flatMap(([source, rows]) => (source === 'waf' ? [] : rows));
  assert.ok(
    notWaf.length >= counts.cloudTrailRecords + counts.findings + counts.vpcFlowRecords + counts.resolverQueries,
  );
  // CloudTrail records from before requestID and eventID (Panther's trimmed fixtures) keep their parameters in
  // api.request.data without the uid OCSF requires, as Security Lake does: that is their one error.
  const early = notWaf.filter((row) => {
    const request = (row.api as { request?: { uid?: unknown } } | undefined)?.request;
    return request !== undefined && request.uid == null;
  });
  assert.deepEqual(validateOcsf(notWaf.filter((row) => !early.includes(row))), []);
  assert.deepEqual(
    validationErrors(early),
    early.map((_, index) => [index, 'missing_required', 'api.request.uid']),
  );
  // OCSF 1.1.0 requires dst_endpoint and http_response in HTTP Activity; Security Lake's waf_2_0 has neither.
  const waf = events.get('waf') ?? [];
  assert.ok(waf.length >= counts.wafRequests);
  assert.deepEqual(
    validationErrors(waf),
    waf.flatMap((_, index) => [
      [index, 'missing_required', 'dst_endpoint'],
      [index, 'missing_required', 'http_response'],
    ]),
  );
});
