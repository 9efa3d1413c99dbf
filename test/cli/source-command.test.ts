// `tarn source add` works on a fresh install: no schema download, no flag, no environment variable.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { apiActivity, jsonLines } from '../helpers/custom-source-events.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

test('source add, ingest --source and query with the OCSF facts shipped with Tarn', async () => {
  const lake = tempDir();
  const saved = process.env.TARN_OCSF_SCHEMA;
  delete process.env.TARN_OCSF_SCHEMA;
  try {
    const added = await tarn('source', 'add', 'acme-api', '--class', 'API Activity', '--lake', lake);
    assert.equal(added.code, 0, added.err);
    assert.equal(JSON.parse(readFileSync(join(lake, '_tarn/config.json'), 'utf8')).ocsfSchema, undefined);
    const input = join(tempDir(), 'events.jsonl');
    writeFileSync(input, jsonLines([apiActivity('a', 1710072000000), { ...apiActivity('b', 1710072000000), x: 1 }]));
    const ingested = await tarn('ingest', '--source', 'acme-api', '--lake', lake, input);
    assert.equal(ingested.code, 0, ingested.err);
    assert.match(ingested.err, /unknown_attribute x/);
    const rows = await tarn(
      'query',
      '--lake',
      lake,
      '--format',
      'csv',
      'SELECT metadata.uid FROM amazon_security_lake_table_us_east_1_ext_acme_api',
    );
    assert.equal(rows.out, 'uid\r\na\r\n');
  } finally {
    if (saved !== undefined) process.env.TARN_OCSF_SCHEMA = saved;
  }
});
