// `tarn sources` reports each native source's rows, time range, accounts, regions and files; the expected
// values come from reading the raw logs and the ingest summary, never from the command's own output.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { NATIVE_SOURCES } from '../../src/mapping/native-sources.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { tarn } from '../helpers/run-cli.ts';

const CLOUDTRAIL_DIR = join(SHARED, 'datasets/OTRF_Security-Datasets/atomic/aws/collection');
const ASFF_FILE = join(SHARED, 'datasets/panther-analysis/panther_tests_securityhub_asff.jsonl');

type Raw = Record<string, unknown>;

interface Expected {
  times: string[];
  accounts: Set<string>;
  regions: Set<string>;
}

function jsonLines(path: string): Raw[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Raw);
}

/** A raw time (ISO, or Panther's zone-less `2024-05-24 22:53:24.000000000`, which is UTC) as Athena prints it. */
function athenaTime(text: string): string {
  const iso = text.replace(' ', 'T');
  const zoned = /(Z|[+-]\d\d:\d\d)$/.test(iso) ? iso : `${iso}Z`;
  return new Date(zoned).toISOString().replace('T', ' ').replace('Z', '');
}

function add(expected: Map<string, Expected>, source: string, time: string, account: string, region: string) {
  const entry = expected.get(source) ?? { times: [], accounts: new Set(), regions: new Set() };
  entry.times.push(athenaTime(time));
  entry.accounts.add(account);
  entry.regions.add(region);
  expected.set(source, entry);
}

/** What the raw files say each source should hold. This export has no eventTime, only `@timestamp`. */
function expectedFromRaw(): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  for (const name of readdirSync(CLOUDTRAIL_DIR)) {
    for (const r of jsonLines(join(CLOUDTRAIL_DIR, name))) {
      const source =
        r.eventCategory === 'Data' && r.eventSource === 's3.amazonaws.com' ? 's3_data' : 'cloud_trail_mgmt';
      add(expected, source, String(r.eventTime ?? r['@timestamp']), String(r.recipientAccountId), String(r.awsRegion));
    }
  }
  for (const r of jsonLines(ASFF_FILE)) {
    add(expected, 'sh_findings', String(r.UpdatedAt ?? r.CreatedAt), String(r.AwsAccountId), String(r.Region));
  }
  return expected;
}

/** Athena's timestamp text as JSON prints it: ISO 8601 with Z. */
function isoZ(text: string | undefined): string | undefined {
  return text === undefined ? undefined : `${text.replace(' ', 'T')}Z`;
}

interface SourceJson {
  source: string;
  table_suffix: string;
  table: string | null;
  lake_wide_table: string;
  rows: number;
  files: number;
  accounts: string[];
  regions: string[];
  first_event: string | null;
  last_event: string | null;
}

test('sources lists all eight native sources with rows, time range, accounts, regions and files', async () => {
  const lake = tempDir();
  const summary = await ingest({ lakeDir: lake, paths: [CLOUDTRAIL_DIR, ASFF_FILE] });
  assert.deepEqual(summary.rejected, []);
  const expected = expectedFromRaw();
  const rawRecords = [...expected.values()].reduce((sum, e) => sum + e.times.length, 0);
  assert.equal(summary.inputRecords, rawRecords);

  const result = await tarn('sources', '--lake', lake, '--format', 'json');
  assert.equal(result.code, 0, result.err);
  const report = JSON.parse(result.out) as { rollup_region: string; sources: SourceJson[]; custom_sources: unknown[] };
  assert.equal(report.rollup_region, summary.rollupRegion);
  assert.deepEqual(report.custom_sources, []);
  assert.deepEqual(
    report.sources.map((s) => s.source),
    [...NATIVE_SOURCES],
  );

  for (const entry of report.sources) {
    assert.equal(entry.table_suffix, `${entry.source}_2_0`);
    assert.equal(entry.table, `amazon_security_lake_table_us_east_1_${entry.source}_2_0`);
    assert.equal(entry.lake_wide_table, `amazon_security_lake_table_all_${entry.source}_2_0`);
    const want = expected.get(entry.source);
    if (want === undefined) {
      assert.deepEqual(entry, {
        ...entry,
        rows: 0,
        files: 0,
        accounts: [],
        regions: [],
        first_event: null,
        last_event: null,
      });
      continue;
    }
    const times = [...want.times].sort();
    // Duplicates (Panther repeats each finding) are not rows, so rows are the summary's, not the raw count.
    assert.equal(entry.rows, summary.rows[entry.source], entry.source);
    assert.deepEqual([entry.first_event, entry.last_event], [times[0], times.at(-1)].map(isoZ), entry.source);
    assert.deepEqual(entry.accounts, [...want.accounts].sort(), entry.source);
    assert.deepEqual(entry.regions, [...want.regions].sort(), entry.source);
    // One batch writes one file per partition, and these files are all one account and region: one per event day.
    assert.equal(entry.files, new Set(times.map((t) => t.slice(0, 10))).size, entry.source);
  }
  // The summary accounts for every source the raw files fed, and no other.
  assert.deepEqual(Object.keys(summary.rows).sort(), [...expected.keys()].sort());

  const table = await tarn('sources', '--lake', lake);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /^ waf +\| amazon_security_lake_table_us_east_1_waf_2_0 +\| +0 \| NULL /m);
  assert.match(
    table.out,
    /custom sources: none\nevery region, whatever the rollup region: amazon_security_lake_table_all_<source>_2_0 \(database amazon_security_lake_glue_db_all\)\n$/,
  );
});

test('a folder that is not a lake is an error; a bad --format is a usage error', async () => {
  const dir = tempDir();
  const empty = await tarn('sources', '--lake', dir, '--format', 'json');
  assert.deepEqual(
    [empty.code, empty.err],
    [
      2,
      `tarn sources: ${dir} is not a Tarn lake: it has no _tarn/ledger.json (ingest into it first, or give --lake DIR)\n`,
    ],
  );

  const bad = await tarn('sources', '--lake', tempDir(), '--format', 'yaml');
  assert.deepEqual(
    [bad.code, bad.err],
    [2, 'tarn sources: --format must be one of table, csv, json, jsonl, markdown, html\n'],
  );
});
