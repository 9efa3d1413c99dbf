// Issue 10, proof, for the Parquet flow-log parser: fast-check writes Parquet files (with the column types of
// AWS's Parquet flow logs) whose middle rows hold odd values: huge or odd text, forged regions and accounts,
// negative and out-of-range numbers, missing values. Every row is mapped or rejected with a reason, nothing
// throws, each row is counted once, and the good rows around them map as they do alone.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAccountId, isRegionName } from '../../src/mapping/partition-names.ts';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { golden, ODD_PARTITIONS } from '../helpers/malformed-records.ts';
import { writeFlowParquet } from '../helpers/parquet-writer.ts';
import { fixtureFolder } from '../sources/fixture-folder.ts';

const GOOD = golden('vpc_flow/accepted-ingress-v5');
const NUMBERS = new Set(['version', 'srcport', 'dstport', 'tcp_flags', 'protocol', 'packets', 'bytes', 'start', 'end']);
const INT32 = new Set(['version', 'srcport', 'dstport', 'tcp_flags']);

/** A value the column's Parquet type can hold, chosen to be odd for a flow log. */
function oddValue(column: string): fc.Arbitrary<unknown> {
  if (!NUMBERS.has(column)) {
    return fc.oneof(
      fc.string(),
      fc.integer({ min: 1, max: 1_000_000 }).map((n) => 'x'.repeat(n)),
      fc.constantFrom(...ODD_PARTITIONS, '-'),
      fc.constant(undefined),
    );
  }
  const max = INT32.has(column) ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
  return fc.oneof(fc.integer({ min: -max, max }), fc.constantFrom(0, -1, max), fc.constant(undefined));
}

const oddRow: fc.Arbitrary<Record<string, unknown>> = fc
  .array(
    fc.constantFrom(...Object.keys(GOOD)).chain((column) => oddValue(column).map((value) => [column, value] as const)),
    { minLength: 1, maxLength: 4 },
  )
  .map((changes) => ({ ...GOOD, ...Object.fromEntries(changes) }));

async function outcomes(rows: readonly Record<string, unknown>[]) {
  const file = join(await fixtureFolder(), 'flow.parquet');
  await writeFlowParquet(file, rows);
  const read = await readLogFile(file);
  assert.equal(read.format, 'vpc-flow-parquet', JSON.stringify(read.rejects));
  for (const reject of read.rejects) assert.ok(reject.reason.length > 0, 'a reject has a reason');
  const mapped = read.records.map((record) => {
    const outcome = mapRecord('vpcflow', record.value);
    if (outcome.ok) {
      assert.ok(isRegionName(String(outcome.row.region)), String(outcome.row.region));
      assert.ok(isAccountId(String(outcome.row.accountid)), String(outcome.row.accountid));
    } else {
      assert.ok(outcome.reason.length > 0, 'a rejected row has a reason');
    }
    return { record: record.record, outcome };
  });
  return { mapped, rejects: read.rejects };
}

test('vpc-flow-parquet: rows with odd values are mapped or rejected with a reason; the good rows land', async () => {
  const alone = (await outcomes([GOOD])).mapped[0]?.outcome;
  assert.ok(alone?.ok, `the good row maps alone: ${JSON.stringify(alone)}`);
  await fc.assert(
    fc.asyncProperty(fc.array(oddRow, { minLength: 1, maxLength: 3 }), async (bad) => {
      const all = [GOOD, ...bad, GOOD];
      const { mapped, rejects } = await outcomes(all);
      assert.equal(mapped.length + rejects.length, all.length, 'every row is counted once');
      assert.deepEqual(mapped.find((m) => m.record === 1)?.outcome, alone);
      assert.deepEqual(mapped.find((m) => m.record === all.length)?.outcome, alone);
    }),
    { numRuns: 15, seed: 20261206 },
  );
});
