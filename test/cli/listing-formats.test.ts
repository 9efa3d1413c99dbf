// One format vocabulary (issue 11): sources, detect, case log and timeline take query's formats, write the table,
// CSV, Markdown and HTML through its formatter, cut tables at the terminal's width unless --wide, and every JSON
// has snake_case keys and ISO 8601 times with Z.

import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { writeCloudTrail } from '../helpers/regional-cloudtrail.ts';
import { tarn, tarnWith } from '../helpers/run-cli.ts';
import { writeIcebergSnapshot, writeObject } from '../helpers/security-lake-copy.ts';

const TAMPERING = join(REPO, 'test/detect/fixtures/tampering.jsonl');
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let lake: string;
/** Tampering ingested without detection: each copy detects its four detections once. */
let undetected: string;
let cases: string;

before(async () => {
  const root = tempDir('tarn-listings-');
  lake = join(root, 'lake');
  assert.equal((await tarn('ingest', '--lake', lake, '--no-detect', writeCloudTrail(root))).code, 0);
  undetected = join(root, 'undetected');
  assert.equal((await tarn('ingest', '--lake', undetected, '--no-detect', TAMPERING)).code, 0);
  cases = join(root, 'cases');
  assert.equal((await tarn('case', 'open', 'IR-1', '--cases', cases, '--analyst', 'alice')).code, 0);
  const sql = 'SELECT api.operation FROM amazon_security_lake_table_all_cloud_trail_mgmt_2_0';
  const added = await tarn(
    ...['case', 'add', 'IR-1', '--cases', cases, '--analyst', 'alice'],
    ...['--lake', lake, '--query', sql, '--title', 'ops'],
  );
  assert.equal(added.code, 0, added.err);
});

/** Every key in snake_case, at any depth; keys that start upper-case are AWS's own (`UserName`). */
function assertSnakeKeys(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (const item of value) assertSnakeKeys(item, where);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    assert.match(key, /^([a-z0-9_]+|[A-Z]\w*)$/, `${where}: ${key}`);
    assertSnakeKeys(item, `${where}.${key}`);
  }
}

function freshDetections(): string {
  const copy = tempDir('tarn-listings-detect-');
  cpSync(undetected, copy, { recursive: true });
  return copy;
}

test('sources: csv, jsonl, markdown and html as query writes them', async () => {
  const csv = await tarn('sources', '--lake', lake, '--format', 'csv');
  assert.equal(csv.code, 0, csv.err);
  const lines = csv.out.split('\r\n');
  assert.equal(lines[0], 'source,table,rows,first_event,last_event,accounts,regions,files,attached_files');
  assert.equal(
    lines[1],
    'cloud_trail_mgmt,amazon_security_lake_table_eu_west_1_cloud_trail_mgmt_2_0,6,2024-03-10 12:00:00.000,2024-03-10 12:03:00.000,111122223333,"eu-west-1, us-west-2",2,0',
  );
  assert.equal(lines.length, 1 + 8 + 1);

  const jsonl = await tarn('sources', '--lake', lake, '--format', 'jsonl');
  const sources = jsonl.out
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(sources.length, 8);
  assert.deepEqual(sources[0], {
    source: 'cloud_trail_mgmt',
    table_suffix: 'cloud_trail_mgmt_2_0',
    table: 'amazon_security_lake_table_eu_west_1_cloud_trail_mgmt_2_0',
    rows: 6,
    files: 2,
    attached_files: 0,
    accounts: ['111122223333'],
    regions: ['eu-west-1', 'us-west-2'],
    first_event: '2024-03-10T12:00:00.000Z',
    last_event: '2024-03-10T12:03:00.000Z',
    lake_wide_table: 'amazon_security_lake_table_all_cloud_trail_mgmt_2_0',
  });

  const markdown = await tarn('sources', '--lake', lake, '--format', 'markdown');
  const [header, rule, first] = markdown.out.split('\n');
  assert.equal(
    header,
    '| source | table | rows | first_event | last_event | accounts | regions | files | attached_files |',
  );
  assert.equal(rule, '| --- | --- | ---: | --- | --- | --- | --- | ---: | ---: |');
  assert.match(first ?? '', /^\| cloud_trail_mgmt \| amazon_\w+ \| 6 \| 2024-03-10 12:00:00\.000 \|/);
  assert.match(markdown.out, /\n\ntable: the rollup region's, covering every region; rollup region eu-west-1;/);

  const html = await tarn('sources', '--lake', lake, '--format', 'html');
  assert.match(html.out, /^<!doctype html>\n<html><head><meta charset="utf-8"><title>Tarn sources<\/title>/);
  assert.match(html.out, /<th>first_event \(UTC\)<\/th>/);
  assert.match(
    html.out,
    /<tr><td>cloud_trail_mgmt<\/td><td>amazon_security_lake_table_eu_west_1_cloud_trail_mgmt_2_0<\/td><td class="n">6<\/td>/,
  );
  assert.match(html.out, /<\/table>\n<\/body><\/html>\n$/);

  const refused = await tarn('sources', '--lake', lake, '--format', 'xml');
  assert.deepEqual(
    [refused.code, refused.err],
    [2, 'tarn sources: --format must be one of table, csv, json, jsonl, markdown, html\n'],
  );
});

test('tables: numbers right-aligned, UTC in the header, cut to the terminal width unless --wide', async () => {
  const narrow = await tarnWith({ columns: 100 }, 'sources', '--lake', lake);
  assert.equal(narrow.code, 0, narrow.err);
  const [, , first] = narrow.out.split('\n');
  assert.equal(
    first,
    ' cloud_tr… | amazon_s… |    6 | 2024-03-… | 2024-03-… | 11112222… | eu-west-1… |     2 |          0',
  );
  for (const line of narrow.out.split('\n').slice(0, 10)) assert.ok(line.length <= 100, line);
  const wide = await tarnWith({ columns: 100 }, 'sources', '--lake', lake, '--wide');
  assert.match(wide.out, /^ source +\| table +\| rows \| first_event \(UTC\) +\| last_event \(UTC\) +\|/);
  assert.match(
    wide.out,
    /\| amazon_security_lake_table_eu_west_1_cloud_trail_mgmt_2_0 \| +6 \| 2024-03-10 12:00:00\.000 \|/,
  );
  assert.ok(wide.out.split('\n').some((line) => line.length > 100));
});

test('detect: csv, jsonl (one OCSF finding a line), markdown and html; JSON times ISO 8601 with Z', async () => {
  const csv = await tarn('detect', '--lake', freshDetections(), '--format', 'csv');
  assert.equal(csv.code, 0, csv.err);
  const lines = csv.out.split('\r\n');
  assert.equal(lines[0], 'time,severity,rule,principal,account,resources,events,detail');
  assert.equal(lines.length, 1 + 4 + 1);
  assert.equal(
    lines[1],
    '2024-05-02 09:01:00.000,Critical,cloudtrail-logging-stopped,mallory,123456789012,arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail,1,StopLogging',
  );
  assert.doesNotMatch(csv.out, /new detections/);

  const jsonl = await tarn('detect', '--lake', freshDetections(), '--format', 'jsonl');
  const findings = jsonl.out
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(findings.length, 4);
  for (const finding of findings) {
    assert.equal(finding.class_uid, 2004);
    assertSnakeKeys(finding, 'detect jsonl');
    const info = finding.finding_info as Record<string, unknown>;
    assert.match(finding.time_dt as string, ISO);
    assert.equal(finding.time_dt, new Date(finding.time as number).toISOString());
    assert.equal(info.last_seen_time_dt, new Date(info.last_seen_time as number).toISOString());
  }

  const markdown = await tarn('detect', '--lake', freshDetections(), '--format', 'markdown');
  assert.match(
    markdown.out,
    /^\| time \| severity \| rule \| principal \| account \| resources \| events \| detail \|\n/,
  );
  assert.match(markdown.out, /\n\n\(4 new detections from \d+ rules\)\n$/);

  const html = await tarn('detect', '--lake', freshDetections(), '--format', 'html');
  assert.equal(html.out.match(/<tr><td>2024-05-02 /g)?.length, 4);
  assert.match(html.out, /<th>time \(UTC\)<\/th>/);

  const table = await tarn('detect', '--lake', freshDetections());
  assert.match(table.out, /^ time \(UTC\) +\| severity/);
  assert.match(table.out, /^ 2024-05-02 09:01:00\.000 \| Critical +\| cloudtrail-logging-stopped +\| mallory /m);
});

test('case log: csv, jsonl and markdown with the head; JSON keys in snake_case', async () => {
  const csv = await tarn('case', 'log', 'IR-1', '--cases', cases, '--format', 'csv');
  assert.equal(csv.code, 0, csv.err);
  const lines = csv.out.split('\r\n');
  assert.equal(lines[0], 'seq,time,analyst,kind,title,evidence');
  assert.match(
    lines[2] ?? '',
    /^2,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3},alice,query,ops,"6 rows @ ledger 1, query\.sql, result\.json, result\.csv"$/,
  );

  const json = JSON.parse((await tarn('case', 'log', 'IR-1', '--cases', cases, '--format', 'json')).out);
  assertSnakeKeys(json, 'case log');
  assert.equal(json.entries[1].lake.ledger_position, 1);
  assert.match(json.entries[1].time, ISO);
  const jsonl = await tarn('case', 'log', 'IR-1', '--cases', cases, '--format', 'jsonl');
  assert.deepEqual(
    jsonl.out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line)),
    json.entries,
  );

  const markdown = await tarn('case', 'log', 'IR-1', '--cases', cases, '--format', 'markdown');
  assert.match(markdown.out, /^\| seq \| time \| analyst \| kind \| title \| evidence \|\n\| ---: \|/);
  assert.match(markdown.out, new RegExp(`\\n\\nhead ${json.head} \\(entry 2\\)\\n$`));
});

test('every JSON the CLI prints has snake_case keys: sources, detect, attach', async () => {
  const sources = JSON.parse((await tarn('sources', '--lake', lake, '--format', 'json')).out);
  assertSnakeKeys(sources, 'sources');
  for (const entry of sources.sources) {
    if (entry.first_event !== null) assert.match(entry.first_event, ISO);
  }
  const detected = JSON.parse((await tarn('detect', '--lake', freshDetections(), '--format', 'json')).out);
  assert.equal(detected.length, 4);
  assertSnakeKeys(detected, 'detect');
  const copy = join(tempDir(), 'copy');
  const partition = { region: 'us-east-1', accountId: '111122223333', eventDay: '20240310' };
  const event = { metadata: { uid: 'e1' }, time: Date.parse('2024-03-10T01:00:00Z'), class_uid: 3005 };
  const object = await writeObject(copy, 'cloud_trail_mgmt', partition, [event]);
  await writeIcebergSnapshot(copy, 'cloud_trail_mgmt', {
    id: 1,
    sequence: 1,
    updatedMs: 1_710_000_000_000,
    entries: [[object, 'added']],
  });
  const attach = JSON.parse((await tarn('attach', copy, '--lake', tempDir(), '--format', 'json')).out);
  assertSnakeKeys(attach, 'attach');
  const table = attach.tables.find((t: { source: string }) => t.source === 'cloud_trail_mgmt');
  assert.deepEqual([table.iceberg, table.not_in_snapshot], [{ snapshot_id: 1, delete_files: 0 }, 0]);
  assert.ok(Array.isArray(table.schema_mismatches));
});

test('query: html is one page with numbers right-aligned; a cut jsonl exits 3 and says so, as a cut CSV does', async () => {
  const sql = `SELECT api.operation, 1 AS n FROM amazon_security_lake_table_all_cloud_trail_mgmt_2_0 ORDER BY 1`;
  const html = await tarn('query', '--lake', lake, '--format', 'html', `${sql} LIMIT 1`);
  assert.equal(
    html.out.split('\n').slice(2).join('\n'),
    '<table>\n<thead><tr><th>operation</th><th class="n">n</th></tr></thead>\n<tbody>\n' +
      '<tr><td>AttachUserPolicy</td><td class="n">1</td></tr>\n</tbody>\n</table>\n<p>(1 row)</p>\n</body></html>\n',
  );
  const cut = await tarn('query', '--lake', lake, '--format', 'jsonl', '--max-rows', '2', sql);
  assert.equal(cut.code, 3);
  assert.equal(cut.out, '["AttachUserPolicy",1]\n["CreateAccessKey",1]\n');
  assert.match(cut.err, /only the first 2 rows were written; --max-rows all writes every row/);
});

test('query tables are cut at the terminal width, not at a fixed one; --wide keeps every cell whole', async () => {
  const sql = `SELECT repeat('x', 200) AS long, 7 AS n`;
  const cut = await tarnWith({ columns: 60 }, 'query', '--lake', lake, sql);
  const [header, rule, row] = cut.out.split('\n');
  assert.deepEqual(
    [header, rule, row],
    [` long${' '.repeat(51)}| n`, `${'-'.repeat(56)}+---`, ` ${'x'.repeat(53)}… | 7`],
  );
  const wide = await tarnWith({ columns: 60 }, 'query', '--lake', lake, '--wide', sql);
  assert.match(wide.out, new RegExp(`^ ${'x'.repeat(200)} \\| 7$`, 'm'));
  const terminal = await tarnWith({ columns: 250 }, 'query', '--lake', lake, sql);
  assert.equal(terminal.out, wide.out);
});
