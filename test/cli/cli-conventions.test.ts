// The CLI's conventions (issue 11): suggestions, help with defaults, formats that say when they were cut,
// exit codes, a folder that is not a lake, the rollup region said out loud, output streamed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { COMMANDS, runCli } from '../../src/cli/cli-main.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { writeCloudTrail } from '../helpers/regional-cloudtrail.ts';
import { tarn } from '../helpers/run-cli.ts';

const EU = 'amazon_security_lake_table_eu_west_1_cloud_trail_mgmt_2_0';
const US = 'amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0';
const ALL = 'amazon_security_lake_table_all_cloud_trail_mgmt_2_0';
let lake: string;

before(async () => {
  lake = join(tempDir(), 'lake');
  const ingested = await tarn('ingest', '--lake', lake, writeCloudTrail(tempDir()));
  assert.equal(ingested.code, 0, ingested.err);
  assert.match(
    ingested.err,
    /^rollup region set to eu-west-1 \(the first region ingested; choose with --rollup-region REGION\)/m,
  );
});

test('misspelt commands and options get a suggestion; --version; help of one action shows its own usage', async () => {
  const command = await tarn('qeury', 'SELECT 1');
  assert.equal(command.code, 2);
  assert.match(command.err, /^tarn: unknown command "qeury"; did you mean tarn query\?/);
  const option = await tarn('query', '--formt', 'csv', 'SELECT 1');
  assert.equal(option.code, 2);
  assert.match(option.err, /^tarn query: unknown option --formt; did you mean --format\?/);
  const version = await tarn('--version');
  assert.deepEqual(
    [version.code, version.out],
    [0, `tarn ${(await import('../../package.json', { with: { type: 'json' } })).default.version}\n`],
  );
  const caseOpen = await tarn('case', 'open', '--help');
  assert.match(caseOpen.out, /^Usage: tarn case open NAME \[--analyst NAME\]\n\n/);
  assert.doesNotMatch(caseOpen.out, /tarn case add/);
});

test('every command’s --help names its options’ defaults', async () => {
  for (const entry of COMMANDS) {
    const help = await tarn(entry.name, '--help');
    assert.equal(help.code, 0, entry.name);
    const command = await entry.load();
    assert.equal(command.summary, entry.summary, `${entry.name}: the list and the module agree`);
    for (const [name, option] of Object.entries(command.options)) {
      if (option.default === undefined || option.default === false) continue;
      assert.ok(help.out.includes(`--${name} ${String(option.default)}`), `${entry.name} --${name}`);
    }
  }
  const query = await tarn('query', '--help');
  assert.match(query.out, /Defaults: --lake \S+ \(or \$TARN_LAKE\), --format table, --max-rows 10000, --timeout 60/);
});

test('every command’s --help describes each option it takes, on a line of its own', async () => {
  for (const entry of COMMANDS) {
    const help = (await tarn(entry.name, '--help')).out;
    for (const name of Object.keys((await entry.load()).options)) {
      const line = new RegExp(`^ +(?:-\\w, )?--${name}(?:[ =][A-Z][\\w=.|-]*)? +\\S.{8,}$`, 'm');
      assert.match(help, line, `tarn ${entry.name} --help describes --${name}`);
    }
  }
});

test('a folder without a ledger is not a lake for any reading command', async () => {
  const notLake = tempDir();
  const reading = [
    ['query', 'SELECT 1'],
    ['sources'],
    ['detect'],
    ['investigate', '--principal', 'x'],
    ['timeline', '--principal', 'x'],
    ['contain', '--plan', '--principal', 'x'],
    ['case', 'add', 'IR-1', '--query', 'SELECT 1', '--cases', tempDir()],
    ['source', 'list'],
    ['catalog', 'ddl', '--engine', 'athena', '--location', 's3://bucket/lake'],
    ['verify'],
    ['notify', '--list'],
  ];
  for (const argv of reading) {
    const result = await tarn(...argv, '--lake', notLake);
    assert.equal(result.code, 2, argv[0]);
    assert.match(
      result.err,
      new RegExp(`^tarn ${argv[0]}: ${notLake} is not a Tarn lake: it has no _tarn/ledger.json`),
    );
  }
});

test('truncated output says so: JSON truncated, table footer, CSV exit 3; --max-rows all, 0 and -1 refused', async () => {
  const sql = `SELECT api.operation FROM ${EU} ORDER BY 1`;
  const json = await tarn('query', '--lake', lake, '--format', 'json', '--max-rows', '2', sql);
  assert.deepEqual(JSON.parse(json.out), {
    columns: ['operation'],
    truncated: true,
    rows: [['AttachUserPolicy'], ['CreateAccessKey']],
  });
  const table = await tarn('query', '--lake', lake, '--max-rows', '2', sql);
  assert.match(table.out, /\(2 rows, truncated: more rows exist; see --max-rows\)\n$/);
  const csv = await tarn('query', '--lake', lake, '--format', 'csv', '--max-rows', '2', sql);
  assert.equal(csv.code, 3);
  assert.equal(csv.out, 'operation\r\nAttachUserPolicy\r\nCreateAccessKey\r\n');
  assert.match(csv.err, /only the first 2 rows were written; --max-rows all writes every row/);
  const all = await tarn('query', '--lake', lake, '--format', 'csv', '--max-rows', 'all', sql);
  assert.equal(all.code, 0);
  assert.equal(all.out.split('\r\n').length, 1 + 6 + 1);
  for (const bad of ['0', '-1', 'ten']) {
    const refused = await tarn('query', '--lake', lake, `--max-rows=${bad}`, sql);
    assert.deepEqual(
      [refused.code, refused.err],
      [2, `tarn query: --max-rows takes a whole number of at least 1, or all; not "${bad}"\n`],
    );
  }
});

test('formats: JSON times in ISO 8601 with Z, jsonl, markdown, vertical, numbers right-aligned, UTC in the header', async () => {
  const sql = `SELECT time_dt, api.operation, 7 AS n FROM ${EU} WHERE api.operation = 'CreateUser'`;
  const json = await tarn('query', '--lake', lake, '--format', 'jsonl', sql);
  assert.equal(json.out, '["2024-03-10T12:00:00.000Z","CreateUser",7]\n');
  const markdown = await tarn('query', '--lake', lake, '--format', 'markdown', sql);
  assert.equal(
    markdown.out,
    '| time_dt | operation | n |\n| --- | --- | ---: |\n| 2024-03-10 12:00:00.000 | CreateUser | 7 |\n\n(1 row)\n',
  );
  const table = await tarn('query', '--lake', lake, `SELECT 7 AS number, 'x' AS text`);
  assert.equal(table.out, ' number | text\n--------+------\n      7 | x\n(1 row)\n');
  const utc = await tarn('query', '--lake', lake, sql);
  assert.match(utc.out, /^ time_dt \(UTC\) +\| operation/);
  const vertical = await tarn('query', '--lake', lake, '--vertical', sql);
  assert.equal(
    vertical.out,
    '-[ RECORD 1 ]\ntime_dt   | 2024-03-10 12:00:00.000\noperation | CreateUser\nn         | 7\n(1 row)\n',
  );
});

test('query errors: a misspelt SELECT is a syntax error with its place, DuckDB syntax errors too', async () => {
  const misspelt = await tarn('query', '--lake', lake, 'SELEC 1');
  assert.deepEqual(
    [misspelt.code, misspelt.err],
    [1, "tarn query: line 1:1: mismatched input 'SELEC'; did you mean SELECT?\n"],
  );
  const write = await tarn('query', '--lake', lake, 'DROP TABLE x');
  assert.match(write.err, /only queries that read are allowed; 'DROP' statements are refused/);
  const syntax = await tarn('query', '--lake', lake, `SELECT 1\nFROM ${EU} WHERE`);
  assert.equal(syntax.err, "tarn query: line 2:63: mismatched input '<EOF>'\n".replace('2:63', `2:${EU.length + 12}`));
});

test('a misspelt table, column or struct field gets the nearest name the lake has', async () => {
  const cases: [string, string][] = [
    [`SELECT 1 FROM ${EU.slice(0, -2)}`, `Table '${EU.slice(0, -2)}' does not exist; did you mean ${EU}?`],
    [`SELECT api.operatoin FROM ${EU}`, "Field 'operatoin' does not exist in its struct; did you mean operation?"],
    [`SELECT acter.user.name FROM ${EU}`, "Column 'acter' cannot be resolved; did you mean actor?"],
    [`SELECT metdata FROM ${EU}`, "Column 'metdata' cannot be resolved; did you mean metadata?"],
    [`SELECT t.metdata FROM ${EU} t`, "Column 'metdata' cannot be resolved; did you mean metadata?"],
  ];
  for (const [sql, message] of cases) {
    const result = await tarn('query', '--lake', lake, sql);
    assert.deepEqual([result.code, result.err], [1, `tarn query: ${message}\n`], sql);
  }
});

test('one format vocabulary: investigate takes markdown as query does, and refuses what it cannot write', async () => {
  // Formats are checked before the lake is opened: markdown passes, so the missing lake is what is reported.
  const missing = join(tempDir(), 'missing');
  const report = await tarn('investigate', '--lake', missing, '--principal', 'Service_Backup', '--format', 'markdown');
  assert.deepEqual(
    [report.code, report.err],
    [2, `tarn investigate: no lake at ${missing}: the folder does not exist (give --lake DIR or set TARN_LAKE)\n`],
  );
  const refused = await tarn('investigate', '--lake', lake, '--principal', 'Service_Backup', '--format', 'yaml');
  assert.deepEqual(
    [refused.code, refused.err],
    [2, 'tarn investigate: --format must be one or more of md, json, html (comma-separated)\n'],
  );
});

test('a query of a table holding only some regions gets a note naming the tables that cover all; CREATE VIEW says what it saved', async () => {
  const partial = await tarn('query', '--lake', lake, '--format', 'csv', `SELECT count(*) AS n FROM ${US}`);
  assert.equal(partial.out, 'n\r\n2\r\n');
  assert.equal(
    partial.err,
    `note: ${US} holds us-west-2 only; the lake has 2 regions (eu-west-1, us-west-2), all in ${ALL} and in the rollup table ${EU}\n`,
  );
  for (const table of [EU, ALL, `amazon_security_lake_glue_db_all.${ALL}`]) {
    const whole = await tarn('query', '--lake', lake, '--format', 'csv', `SELECT count(*) AS n FROM ${table}`);
    assert.deepEqual([whole.out, whole.err], ['n\r\n6\r\n', ''], table);
  }
  const view = await tarn(
    'query',
    '--lake',
    lake,
    '--format',
    'csv',
    `CREATE VIEW ops AS SELECT api.operation FROM ${EU}`,
  );
  assert.equal(view.out, `view,query\r\nops,SELECT api.operation FROM ${EU}\r\n`);
});

test('ingest: a missing path fails before any work, only rejects or no files exit 1, --rollup-region change is said', async () => {
  const dir = tempDir();
  const missing = await tarn('ingest', '--lake', join(dir, 'lake'), join(dir, 'nope'));
  assert.deepEqual([missing.code, missing.err], [2, `tarn ingest: no such file or folder: ${join(dir, 'nope')}\n`]);
  const junk = join(dir, 'junk.json');
  writeFileSync(junk, '{"x":1}');
  const rejected = await tarn('ingest', '--lake', join(dir, 'lake'), junk);
  assert.equal(rejected.code, 1);
  assert.match(rejected.err, /no record landed: every record was rejected\n$/);
  assert.doesNotMatch(rejected.out, /events\/s/);
  mkdirSync(join(dir, 'empty'));
  const empty = await tarn('ingest', '--lake', join(dir, 'lake'), join(dir, 'empty'));
  assert.deepEqual([empty.code, empty.err], [1, `tarn ingest: no files to read in ${join(dir, 'empty')}\n`]);

  const again = join(tempDir(), 'lake');
  const logs = writeCloudTrail(tempDir());
  assert.equal((await tarn('ingest', '--lake', again, logs)).code, 0);
  const moved = await tarn('ingest', '--lake', again, '--rollup-region', 'us-west-2', logs);
  assert.equal(moved.code, 0, moved.err);
  assert.match(moved.err, /^rollup region changed from eu-west-1 to us-west-2: /m);
});

test('a result larger than one JavaScript string is streamed out as CSV', async () => {
  const io = collectingIO();
  let bytes = 0;
  const counting = {
    ...io,
    stdout: (text: string) => {
      bytes += text.length;
    },
  };
  const sql = "SELECT repeat('x', 1000000) AS big FROM range(600)";
  const code = await runCli(['query', '--lake', lake, '--format', 'csv', '--max-rows', 'all', sql], counting);
  assert.equal(code, 0, io.err.join(''));
  assert.equal(bytes, 'big\r\n'.length + 600 * (1_000_000 + 2));
});

test('piped into a reader that stops early (head), tarn ends quietly', () => {
  const script = `node --import tsx src/bin/tarn.ts query --lake '${lake}' --format csv --max-rows all "SELECT repeat('y', 1000) FROM range(100000)" | head -c 10 >/dev/null`;
  const result = spawnSync('bash', ['-o', 'pipefail', '-c', script], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
});
