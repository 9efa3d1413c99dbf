// The maintenance listings (issue 11) in the listing vocabulary: `rules list`, `source list` and `notify --list`
// take --format and --wide; their tables right-align numbers and cut cells at the terminal's width.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadRules } from '../../src/detect/detection-rules.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn, tarnWith } from '../helpers/run-cli.ts';

test('rules list: numbers right-aligned, cut at the terminal, --wide, and json, jsonl, csv, markdown', async () => {
  const rules = loadRules(undefined);
  const table = await tarn('rules', 'list');
  assert.equal(table.code, 0, table.err);
  const lines = table.out.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^ id +\| severity \| tactics +\| techniques +\| tests \| enabled$/);
  assert.equal(lines.at(-1), `(${rules.length} rules)`);
  const withTests = rules.find((r) => r.tests.length > 0 && r.tests.length < 10);
  assert.ok(withTests);
  const row = lines.find((line) => line.startsWith(` ${withTests.id} `)) ?? '';
  assert.match(row, new RegExp(`\\|     ${withTests.tests.length} \\| (yes|no)$`), row);

  const narrow = await tarnWith({ columns: 80 }, 'rules', 'list');
  assert.ok(narrow.out.includes('…'), narrow.out);
  assert.ok(
    narrow.out
      .split('\n')
      .slice(0, -2)
      .every((line) => line.length <= 80),
    narrow.out,
  );
  const wide = await tarnWith({ columns: 80 }, 'rules', 'list', '--wide');
  assert.equal(wide.out, table.out);

  const json = JSON.parse((await tarn('rules', 'list', '--format', 'json')).out);
  assert.equal(json.length, rules.length);
  assert.deepEqual(json[0], {
    id: rules[0]?.id,
    title: rules[0]?.title,
    severity: rules[0]?.severity,
    tactics: rules[0]?.tactics,
    techniques: rules[0]?.techniques.map((t) => t.id),
    tests: rules[0]?.tests.length,
    enabled: rules[0]?.enabled,
  });
  const jsonl = (await tarn('rules', 'list', '--format', 'jsonl')).out.trimEnd().split('\n');
  assert.deepEqual(
    jsonl.map((line) => JSON.parse(line)),
    json,
  );
  const csv = (await tarn('rules', 'list', '--format', 'csv')).out.split('\r\n');
  assert.equal(csv[0], 'id,severity,tactics,techniques,tests,enabled');
  assert.equal(csv.length, rules.length + 2);
  const markdown = (await tarn('rules', 'list', '--format', 'markdown')).out;
  assert.match(
    markdown,
    /^\| id \| severity \| tactics \| techniques \| tests \| enabled \|\n\| --- \| --- \| --- \| --- \| ---: \| --- \|\n/,
  );
  const bad = await tarn('rules', 'list', '--format', 'yaml');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be one of table, csv, json, jsonl, markdown, html/);
});

test('source list and notify --list take --format; an empty source list in JSON is []', async () => {
  const lake = join(tempDir(), 'lake');
  const added = await tarn(
    'source',
    'add',
    'acme-api',
    '--class',
    'api_activity',
    '--region',
    'eu-west-1',
    '--lake',
    lake,
  );
  assert.equal(added.code, 0, added.err);
  const json = JSON.parse((await tarn('source', 'list', '--lake', lake, '--format', 'json')).out);
  assert.deepEqual(json, [
    {
      name: 'acme-api',
      class_name: 'api_activity',
      class_uid: 6003,
      table: json[0].table,
      region: 'eu-west-1',
      account_id: null,
    },
  ]);
  const table = await tarn('source', 'list', '--lake', lake);
  assert.match(table.out, /^ name +\| class +\| table +\| default region \| default account\n/);
  assert.match(table.out, /\n acme-api \| api_activity \(6003\) \| .* \| eu-west-1 +\| -\n/);

  const alerts = await tarn('notify', '--lake', lake, '--list', '--format', 'json');
  assert.equal(alerts.code, 0, alerts.err);
  assert.deepEqual(JSON.parse(alerts.out), []);
  const csv = await tarn('notify', '--lake', lake, '--list', '--format', 'csv');
  assert.equal(csv.out, 'time,severity,rule,destination,attempts,next attempt (UTC),last error\r\n');
});

const TAMPERING = join(import.meta.dirname, '../detect/fixtures/tampering.jsonl');

test('ingest and retain: their tables right-align numbers and cut at the terminal unless --wide', async () => {
  const lake = join(tempDir(), 'lake');
  const narrow = await tarnWith({ columns: 30 }, 'ingest', '--lake', lake, '--no-detect', TAMPERING);
  assert.equal(narrow.code, 0, narrow.err);
  const lines = narrow.out.split('\n');
  assert.match(lines[0] ?? '', /^ table +\| rows$/);
  assert.match(narrow.out, /\n cloud_trail_mgmt +\| +\d+\n/);
  assert.match(narrow.out, /\n duplicates \(already … \| +0\n/);
  assert.ok(
    lines.slice(0, 5).every((line) => line.length <= 30),
    narrow.out,
  );
  const wide = await tarnWith({ columns: 30 }, 'ingest', '--lake', lake, '--no-detect', '--wide', TAMPERING);
  assert.match(
    wide.out,
    /\n duplicates \(already in the lake\) +\| +9\n rejected \(see _tarn\/dead-letter\/\) \| +0\n/,
  );

  const retained = await tarnWith({ columns: 40 }, 'retain', '--lake', lake, '--days', '0', '--now', '2030-01-01');
  assert.equal(retained.code, 0, retained.err);
  assert.match(retained.out, /^ source +\| region +\| account +\| eventDay +\| files \| rows\n/);
  assert.match(retained.out, /\n cloud_t… \| us-east… \| 1234567… \| 20240502 \| +1 \| +8\n/);
  assert.match(retained.out, /\nremoved \d+ partitions/);
});
