// Issue 10, item 5 (the file-size rule): a file over 512 MiB, plain or after gunzip, is rejected with the
// documented limit, without being read into memory.

import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';

const LIMIT = 512 * 1024 * 1024;

test('a plain file over 512 MiB is rejected with the limit (a sparse file: no disk used)', async () => {
  const file = join(tempDir(), 'huge.json');
  writeFileSync(file, '{"Records":[');
  const fd = openSync(file, 'r+');
  ftruncateSync(fd, LIMIT + 1);
  closeSync(fd);
  const read = await readLogFile(file);
  assert.deepEqual(
    read.rejects.map((r) => r.reason),
    [`the file is ${LIMIT + 1} bytes, over 512 MiB, the limit on one file: split it and ingest the parts`],
  );
});

test('a gzip that inflates past 512 MiB is rejected with the limit (a bomb of concatenated members)', async () => {
  // 1 MiB of zeros gzipped is about 1 KiB; 513 such members in a row are one valid gzip file of 513 MiB.
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  const file = join(tempDir(), 'bomb.json.gz');
  writeFileSync(file, Buffer.concat(Array.from({ length: 513 }, () => member)));
  const read = await readLogFile(file);
  assert.deepEqual(
    read.rejects.map((r) => r.reason),
    ['gzip decompresses to more than 512 MiB, the limit on one file'],
  );
  assert.deepEqual(read.records, []);
});
