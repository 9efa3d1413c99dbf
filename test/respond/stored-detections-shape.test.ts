// A lake whose only stored detection names no resource: its detections file holds `resources` as a list of
// nothing rather than of structs, and investigate still reads it.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { writeCloudTrail } from '../helpers/regional-cloudtrail.ts';
import { tarn } from '../helpers/run-cli.ts';

test('investigate reads stored detections that have no resources', async () => {
  const root = tempDir();
  const lake = join(root, 'lake');
  const ingested = await tarn('ingest', '--lake', lake, writeCloudTrail(root));
  assert.equal(ingested.code, 0, ingested.err);
  assert.match(ingested.out, /iam-user-creates-user/);
  const report = await tarn('investigate', '--lake', lake, '--principal', 'Service_Backup', '--format', 'json');
  assert.equal(report.code, 0, report.err);
  const json = JSON.parse(report.out);
  const rules = JSON.stringify(json).match(/iam-user-creates-user/g) ?? [];
  assert.ok(rules.length > 0, 'the stored detection is in the report');
});
