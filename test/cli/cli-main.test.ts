// The CLI parses, runs one command, and turns every user error into one clear line and an exit code.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { tarn } from '../helpers/run-cli.ts';

test('--help lists every command; a command’s --help prints its usage', async () => {
  const help = await tarn('--help');
  assert.equal(help.code, 0);
  for (const name of ['ingest', 'query', 'scenario', 'demo']) assert.match(help.out, new RegExp(`^  ${name} `, 'm'));
  const ingestHelp = await tarn('ingest', '--help');
  assert.equal(ingestHelp.code, 0);
  assert.match(ingestHelp.out, /^Usage: tarn ingest /);
});

test('usage errors exit 2 with the reason and no stack trace', async () => {
  const unknown = await tarn('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^tarn: unknown command "frobnicate"/);

  const noPaths = await tarn('ingest', '--lake', tempDir());
  assert.deepEqual([noPaths.code, noPaths.err], [2, 'tarn ingest: give at least one file or folder to ingest\n']);

  const badFormatName = await tarn('ingest', '--lake', tempDir(), '--format', 'nope', '.');
  assert.equal(badFormatName.code, 2);
  assert.match(badFormatName.err, /^tarn ingest: unknown --format "nope"; known formats: cloudtrail-delivery, /);

  const badOption = await tarn('query', '--nope', 'SELECT 1');
  assert.equal(badOption.code, 2);
  assert.match(badOption.err, /^tarn query: unknown option --nope \(tarn query --help lists the options\)/);

  const badFormat = await tarn('query', '--format', 'xml', 'SELECT 1');
  assert.deepEqual(
    [badFormat.code, badFormat.err],
    [2, 'tarn query: --format must be one of table, csv, json, jsonl, markdown, html\n'],
  );
});

test('a refused statement is a one-line error from the query command, not a crash', async () => {
  const lake = tempDir();
  mkdirSync(join(lake, '_tarn'));
  writeFileSync(join(lake, '_tarn/config.json'), '{"rollupRegion":null}');
  const refused = await tarn('query', '--lake', lake, "COPY (SELECT 1) TO '/tmp/x.csv'");
  assert.equal(refused.code, 1);
  assert.match(refused.err, /^tarn query: .*COPY/);
  assert.doesNotMatch(refused.err, /\n\s+at /);
});

test('every source’s table exists for a region the lake knows, empty until its data arrives', async () => {
  const lake = tempDir();
  const ingested = await tarn(
    'ingest',
    '--lake',
    lake,
    join(SHARED, 'datasets/OTRF_Security-Datasets/atomic/aws/collection'),
  );
  assert.equal(ingested.code, 0, ingested.err);
  const sql = 'SELECT count(*) AS n FROM amazon_security_lake_table_us_east_1_sh_findings_2_0';
  const result = await tarn('query', '--lake', lake, '--format', 'csv', sql);
  assert.equal(result.code, 0, result.err);
  assert.equal(result.out, 'n\r\n0\r\n');
});

test('a mistyped --lake is named as missing by every reading command, not shown as an empty lake', async () => {
  const missing = join(tempDir(), 'no-such-lake');
  const commands = [
    ['sources'],
    ['query', 'SELECT 1'],
    ['detect'],
    ['investigate', '--principal', 'Service_Backup'],
    ['timeline', '--principal', 'Service_Backup'],
    ['compact'],
    ['verify'],
    ['retain', '--days', '30'],
  ];
  for (const command of commands) {
    const result = await tarn(...command, '--lake', missing);
    assert.equal(result.code, 2, command.join(' '));
    assert.equal(
      result.err,
      `tarn ${command[0]}: no lake at ${missing}: the folder does not exist (give --lake DIR or set TARN_LAKE)\n`,
    );
  }
});
