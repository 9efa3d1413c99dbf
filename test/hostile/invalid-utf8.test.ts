// Issue 10, item 9: bytes that are not UTF-8 are counted (summary, --summary-json, the ledger's input entry)
// rather than replaced in silence, and --strict rejects the records of such a file; the other files land.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readLedger } from '../../src/lake/ledger.ts';
import { readOcsfEvents } from '../../src/sources/ocsf-event-reader.ts';
import { invalidUtf8Count } from '../../src/sources/utf8-check.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

function line(id: string, userAgent: string): string {
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' },
    eventTime: '2024-03-10T12:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    userAgent,
    requestID: `req-${id}`,
    eventID: `00000000-0000-0000-0000-${id.padStart(12, '0')}`,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  });
}

/** A Latin-1 `é` (0xE9) and a cut 3-byte character inside a field; a real U+FFFD is not counted. */
function latin1File(dir: string): string {
  const text = Buffer.from(`${line('1', 'caf@ \uFFFD')}\n`, 'utf8');
  const at = text.indexOf('@');
  const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0xe9, 0x20, 0xe2, 0x82]), text.subarray(at + 1)]);
  const file = join(dir, 'latin1.jsonl');
  writeFileSync(file, bytes);
  return file;
}

test('invalid UTF-8 is counted in the summary, its JSON and the ledger; the record still lands', async () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  const file = latin1File(dir);
  const summary = join(dir, 'summary.json');
  const run = await tarn('ingest', '--lake', lake, '--no-detect', '--summary-json', summary, file);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^2 invalid UTF-8 byte sequences read as U\+FFFD \(--strict rejects such files\)$/m);
  const json = JSON.parse(readFileSync(summary, 'utf8')) as { invalid_utf8: number; rows: Record<string, number> };
  assert.deepEqual([json.invalid_utf8, json.rows], [2, { cloud_trail_mgmt: 1 }]);
  const ledger = await readLedger(lake);
  assert.deepEqual(
    ledger.batches.flatMap((batch) => batch.inputs).map((input) => [input.path, input.invalidUtf8]),
    [[file, 2]],
  );
});

test('--strict rejects the records of a file that is not UTF-8, with the reason; the other files land', async () => {
  const dir = tempDir();
  const file = latin1File(dir);
  const good = join(dir, 'good.jsonl');
  writeFileSync(good, `${line('2', 'aws-cli/2.15.0')}\n`);
  const summary = join(dir, 'summary.json');
  const run = await tarn(
    'ingest',
    '--lake',
    join(dir, 'lake'),
    '--no-detect',
    '--strict',
    '--summary-json',
    summary,
    dir,
  );
  assert.equal(run.code, 1);
  const json = JSON.parse(readFileSync(summary, 'utf8')) as {
    rows: Record<string, number>;
    rejected: { file: string; record: number; reason: string }[];
  };
  assert.deepEqual(json.rows, { cloud_trail_mgmt: 1 });
  assert.deepEqual(json.rejected, [
    { file, record: 1, reason: '2 invalid UTF-8 byte sequences in the file (--strict refuses it)' },
  ]);
});

test('valid UTF-8, a U+FFFD written in it included, counts nothing; custom source files are counted too', async () => {
  const text = 'caf\u00e9 \uFFFD';
  assert.equal(invalidUtf8Count(Buffer.from(text, 'utf8'), text), 0);
  const dir = tempDir();
  const read = await readOcsfEvents(latin1File(dir), readFileSync(latin1File(dir)));
  assert.equal(read.invalidUtf8, 2);
});
