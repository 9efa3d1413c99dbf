// Issue 10, proof, for the custom-source parser: fast-check puts malformed OCSF events (deep nesting, huge
// strings, wrong types, odd regions and accounts, invalid UTF-8, duplicate keys, text that is no JSON) between
// two valid ones in a JSON-lines file. Each line is an event checked or rejected with a reason, nothing throws,
// a region or account that could not name a partition never passes, and the good events pass as they do alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkCustomEvent, partitionProblem } from '../../src/mapping/ocsf-validation/custom-event-mapping.ts';
import { BUNDLED_OCSF_FACTS } from '../../src/mapping/ocsf-validation/ocsf-facts.ts';
import { loadOcsfSchema } from '../../src/mapping/ocsf-validation/ocsf-schema.ts';
import { isRegionName } from '../../src/mapping/partition-names.ts';
import { readOcsfEvents } from '../../src/sources/ocsf-event-reader.ts';
import { apiActivity } from '../helpers/custom-source-events.ts';
import { malformedValue, ODD_PARTITIONS } from '../helpers/malformed-records.ts';

const SCHEMA = loadOcsfSchema(BUNDLED_OCSF_FACTS);
const SOURCE = { name: 'acme', classUid: 6003, className: 'API Activity', region: null, accountId: null };
const GOOD = apiActivity('e-1', Date.UTC(2024, 2, 10, 12));

const oddCloud = fc
  .tuple(
    fc.oneof(fc.string(), fc.constantFrom(...ODD_PARTITIONS)),
    fc.oneof(fc.string(), fc.constantFrom(...ODD_PARTITIONS)),
  )
  .map(([region, account]) => ({ ...GOOD, cloud: { provider: 'AWS', region, account: { uid: account } } }));

const malformedLine: fc.Arbitrary<Buffer> = fc.oneof(
  fc.oneof(malformedValue(GOOD), oddCloud).map((value) => Buffer.from(JSON.stringify(value))),
  fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80]).map((bytes) => {
    const [before, after] = JSON.stringify({ ...GOOD, message: '\u0000' }).split('\\u0000');
    return Buffer.concat([Buffer.from(before ?? ''), Buffer.from(bytes), Buffer.from(after ?? '')]);
  }),
  fc.jsonValue().map((v) => Buffer.from(`{"class_uid":${JSON.stringify(v)},${JSON.stringify(GOOD).slice(1)}`)),
  fc.string({ minLength: 1 }).map((s) => Buffer.from(`x${s.replace(/[\r\n]/g, ' ')}`)),
);

async function outcomes(lines: readonly Buffer[]) {
  const bytes = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
  const read = await readOcsfEvents('events.jsonl', bytes);
  for (const reject of read.rejects) assert.ok(reject.reason.length > 0, 'a reject has a reason');
  const checked = read.records.map((record) => {
    const outcome = checkCustomEvent(SCHEMA, SOURCE, record.value);
    if (outcome.ok) {
      assert.ok(isRegionName(outcome.partition.region), outcome.partition.region);
      assert.equal(partitionProblem({ region: null, accountId: outcome.partition.accountId }), null);
    } else {
      assert.ok(outcome.reason.length > 0, 'a rejected event has a reason');
    }
    return { record: record.record, outcome };
  });
  return { checked, rejects: read.rejects };
}

test('custom source: malformed OCSF events are checked or rejected with a reason; the valid ones pass', async () => {
  const goodLine = Buffer.from(JSON.stringify(GOOD));
  const alone = (await outcomes([goodLine])).checked[0]?.outcome;
  assert.ok(alone?.ok, `the good event passes alone: ${JSON.stringify(alone)}`);
  await fc.assert(
    fc.asyncProperty(fc.array(malformedLine, { minLength: 1, maxLength: 4 }), async (bad) => {
      const all = [goodLine, ...bad, goodLine];
      const { checked, rejects } = await outcomes(all);
      assert.equal(checked.length + rejects.length, all.length, 'every line is counted once');
      assert.deepEqual(checked.find((c) => c.record === 1)?.outcome, alone);
      assert.deepEqual(checked.find((c) => c.record === all.length)?.outcome, alone);
    }),
    { numRuns: 40, seed: 20261206 },
  );
});
