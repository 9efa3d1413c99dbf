// Panther's Route 53 Resolver test events, read and mapped as `tarn ingest` does: trimmed records, times
// without a zone (`2022-06-25 00:27:53`), ports as strings, a single answer flattened to an object.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import { mapRoute53Query } from '../../src/mapping/route53/route53-mapping.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { SHARED, validateOcsf } from '../helpers/ocsf-validator.ts';

const FILE = join(SHARED, 'datasets/panther-analysis/panther_tests_route53_resolver.jsonl');

test('all 13 Panther Route 53 Resolver records map to valid DNS Activity rows; the 8 with a 10-digit account are refused at ingest', async () => {
  const read = await readLogFile(FILE);
  assert.equal(read.format, 'route53-resolver-lines');
  assert.deepEqual(read.rejects, []);
  assert.equal(read.records.length, 13);
  const rows = read.records.map((record) => {
    const outcome = mapRoute53Query(record.value);
    assert.ok(outcome.ok, `line ${record.record}: ${outcome.ok ? '' : outcome.reason}`);
    return outcome.row as Record<string, unknown>;
  });
  assert.deepEqual(validateOcsf(rows), []);
  // Panther's sample account "0123456789" is 10 digits: no AWS account, so ingest rejects those records by name.
  const refused = read.records.flatMap((record) => {
    const outcome = mapRecord('route53', record.value);
    return outcome.ok ? [] : [outcome.reason];
  });
  assert.deepEqual(refused, Array(8).fill('account id "0123456789" is not 12 digits'));
  // 8 records flatten their one answer to an object, 3 hold a list of one, 2 (the trimmed ones) none.
  assert.deepEqual(
    rows.map((row) => (row.answers as unknown[] | undefined)?.length ?? 0),
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0],
  );
  assert.deepEqual(rows[0]?.answers, [{ class: 'IN', rdata: '1.2.3.4', type: 'A' }]);
  assert.deepEqual(
    [rows[0]?.time_dt, rows[0]?.rcode, rows[0]?.rcode_id, rows[0]?.region, rows[0]?.accountid],
    ['2022-06-25T00:27:53.000Z', 'NoError', 0, 'us-west-2', '0123456789'],
  );
  assert.deepEqual((rows[0]?.src_endpoint as Record<string, unknown> | undefined)?.port, 8888);
  assert.deepEqual(
    rows.map((row) => row.region),
    [...Array(11).fill('us-west-2'), 'us-east-1', 'us-east-1'],
  );
});
