// Issue 10, item 5 (the file-size rule): a file over 512 MiB, plain or after gunzip, is rejected with the
// documented limit, without being read into memory.

import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
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
