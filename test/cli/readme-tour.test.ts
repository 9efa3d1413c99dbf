// The README's tour, run literally (its paths under ~/cases/acme/ pointed at a fixture) on a lake whose first
// region is eu-west-1, not the us-west-2 its query names: every answer is the whole lake's.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { apiActivity } from '../helpers/custom-source-events.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { OPERATIONS, writeCloudTrail } from '../helpers/regional-cloudtrail.ts';
import { tarn } from '../helpers/run-cli.ts';
import { asffFinding, findingsEnvelope, jsonLines } from '../sources/fixture-folder.ts';

/** The tour's code block, cut into commands as a POSIX shell would: quotes, comments, `&&`, newlines, `~`. */
function tourCommands(home: string): string[][] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /## A tour of the CLI\n\n```sh\n([\s\S]*?)\n```/.exec(readme)?.[1];
  assert.ok(block !== undefined, 'the README has its tour');
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  const endWord = () => {
    if (word !== null) words.push(word.startsWith('~/') ? join(home, word.slice(2)) : word);
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < block.length; i++) {
    const c = block[i] as string;
    if (c === "'" || c === '"') {
      const close = block.indexOf(c, i + 1);
      word = (word ?? '') + block.slice(i + 1, close);
      i = close;
    } else if (c === '#' && word === null) {
      i = block.indexOf('\n', i) - 1;
      if (i < 0) break;
    } else if (c === '\n') endCommand();
    else if (c === '&' && block[i + 1] === '&') {
      endCommand();
      i++;
    } else if (c === ' ') endWord();
    else word = (word ?? '') + c;
  }
  endCommand();
  return commands;
}

test('the README tour gives the whole answers on a lake whose first region is eu-west-1', async () => {
  const home = tempDir();
  writeCloudTrail(join(home, 'cases/acme'));
  writeFileSync(
    join(home, 'cases/acme/securityhub-findings.jsonl'),
    jsonLines([findingsEnvelope([asffFinding('f-1')])]),
  );
  process.chdir(tempDir());
  // The commands that need no placeholder filled in: those whose text has no `...`.
  const runnable = tourCommands(home).filter(
    (words) => words[0] === 'npx' && words[1] === 'tarn' && !words.some((w) => w.includes('...')),
  );
  const names = runnable.map((words) => words[2]);
  assert.deepEqual(names.slice(0, 4), ['ingest', 'query', 'query', 'sources']);

  const results = [];
  for (const words of runnable.slice(0, 4)) results.push(await tarn(...words.slice(2)));
  const [ingest, operations, lakeWide, sources] = results;
  assert.equal(ingest?.code, 0, ingest?.err);
  const all = [...OPERATIONS['eu-west-1'], ...OPERATIONS['us-west-2']];
  assert.equal(operations?.code, 0, operations?.err);
  assert.deepEqual(
    operations?.out
      .split('\n')
      .slice(2, -2)
      .map((line) => line.trim())
      .sort(),
    [...all].sort(),
  );
  assert.match(operations?.out ?? '', /\(6 rows\)\n$/);
  assert.equal(operations?.err, '');
  assert.equal(lakeWide?.code, 0, lakeWide?.err);
  assert.match(lakeWide?.out ?? '', /^ +6\n/m);
  assert.equal(sources?.code, 0, sources?.err);
  assert.match(
    sources?.out ?? '',
    /^ cloud_trail_mgmt +\| amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 +\| +6 /m,
  );
  assert.match(sources?.out ?? '', /^ sh_findings +\| amazon_security_lake_table_us_west_2_sh_findings_2_0 +\| +1 /m);

  // The rest of the tour as written, but `scenario generate` (100,000 events: the scenario tests make smaller
  // ones) and `watch`, which runs until Ctrl-C (test/cli/watch-command.test.ts).
  writeFileSync('acme-events.jsonl', `${JSON.stringify(apiActivity('acme-1', Date.parse('2024-03-10T12:00:00Z')))}\n`);
  const rest = runnable.slice(4).filter((words) => words[2] !== 'scenario' && words[2] !== 'watch');
  assert.deepEqual(
    rest.map((words) => words.slice(2, 4).join(' ')),
    ['investigate --principal', 'contain --plan', 'case open', 'detect', 'source add', 'ingest --source'],
  );
  const answers = new Map<string, { code: number; out: string; err: string }>();
  for (const words of rest) {
    const run = await tarn(...words.slice(2));
    assert.equal(run.code, 0, `${words.join(' ')}: ${run.err}`);
    answers.set(words[2] ?? '', run);
  }
  // The investigation reads the rollup tables, which hold both regions.
  for (const operation of all) assert.match(answers.get('investigate')?.out ?? '', new RegExp(`\\b${operation}\\b`));
  assert.match(answers.get('contain')?.out ?? '', /^# Containment and recovery: Service\\_Backup/);
  const custom = await tarn(
    'query',
    '--format',
    'csv',
    'SELECT metadata.uid FROM amazon_security_lake_table_all_ext_acme_api',
  );
  assert.equal(custom.out, 'uid\r\nacme-1\r\n');
});
