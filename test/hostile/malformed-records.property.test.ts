// Issue 10, proof: fast-check throws malformed records (deep nesting, huge strings, wrong types, invalid UTF-8,
// duplicate keys, odd regions and accounts) at every record parser, between two good records. Every record is
// mapped (with a region and account fit for the lake's layout) or rejected with a reason, nothing throws, and
// the good records come out exactly as they do alone.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAccountId, isRegionName } from '../../src/mapping/partition-names.ts';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import type { LogFormat } from '../../src/sources/log-file.ts';
import { parseLogFile } from '../../src/sources/log-file-reader.ts';
import { REPO } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const golden = (name: string) => join(REPO, 'test/golden', name, 'input.json');

/** One line format per parser, with a real record of its kind (a golden input, a dataset's first line) as the good one. */
const FORMATS: readonly [LogFormat, string][] = [
  ['cloudtrail-lines', golden('cloudtrail/iam-create-user')],
  ['asff-lines', golden('asff/securityhub-control-failed')],
  ['guardduty-eventbridge', golden('guardduty/ec2-dga-domain-request')],
  ['vpc-flow-lines', join(SHARED, 'datasets/panther-analysis/panther_tests_vpcflow.jsonl')],
  ['route53-resolver-lines', golden('route53/dns-firewall-block')],
  ['waf-lines', golden('waf/allow-get-default-action')],
  ['eks-audit-lines', golden('eks/anonymous-get')],
];

const PARTITION_KEYS = ['awsRegion', 'region', 'Region', 'recipientAccountId', 'account_id', 'AwsAccountId', 'account'];

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { x: value };
  return value;
}

/** Line bytes of one malformed record made from the good one. */
function malformed(good: Record<string, unknown>): fc.Arbitrary<Buffer> {
  const keys = Object.keys(good);
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    fc.tuple(key, fc.integer({ min: 90, max: 3000 })).map(([k, depth]) => json({ ...good, [k]: nested(depth) })),
    fc.tuple(key, fc.integer({ min: 1, max: 2_000_000 })).map(([k, n]) => json({ ...good, [k]: 'x'.repeat(n) })),
    fc.tuple(key, fc.anything()).map(([k, v]) => json({ ...good, [k]: v })),
    fc
      .tuple(
        fc.constantFrom(...PARTITION_KEYS),
        fc.oneof(
          fc.string(),
          fc.constantFrom("us-east-1'; DROP TABLE x; --", '../../../tmp/x', '../x', 'US-EAST-1', ''),
        ),
      )
      .map(([k, v]) => json({ ...good, [k]: v })),
    // Invalid UTF-8 inside a string value.
    fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88]))
      .map(([at, bytes]) => {
        const text = JSON.stringify(good);
        const quote = text.indexOf('":"', at % text.length);
        const cut = quote === -1 ? 1 : quote + 3;
        return Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from(bytes), Buffer.from(text.slice(cut))]);
      }),
    // Duplicate keys: the last one wins in JSON.parse, as in most readers.
    fc
      .tuple(fc.constantFrom(...PARTITION_KEYS, ...keys), fc.jsonValue())
      .map(([k, v]) => Buffer.from(`{${JSON.stringify(k)}:${JSON.stringify(v)},${JSON.stringify(good).slice(1)}`)),
    fc.jsonValue().map((v) => json(v)),
    fc.string().map((s) => Buffer.from(s.replaceAll('\n', ' '))),
  );
}

function outcomes(format: LogFormat, bytes: Buffer) {
  const read = parseLogFile('input.jsonl', bytes, { format });
  for (const reject of read.rejects) assert.ok(reject.reason.length > 0, 'a reject has a reason');
  const mapped = read.records.map((record) => {
    const outcome = read.kind === null ? null : mapRecord(read.kind, record.value);
    assert.ok(outcome !== null, 'each record of a known format is mapped or rejected');
    if (outcome.ok) {
      assert.ok(isRegionName(String(outcome.row.region)), `region ${String(outcome.row.region)}`);
      assert.ok(isAccountId(String(outcome.row.accountid)), `account ${String(outcome.row.accountid)}`);
    } else {
      assert.ok(outcome.reason.length > 0, 'a rejected record has a reason');
    }
    return { record: record.record, outcome };
  });
  return { mapped, rejects: read.rejects };
}

for (const [format, file] of FORMATS) {
  test(`${format}: malformed records are mapped or rejected with a reason; the good ones around them land`, () => {
    const text = readFileSync(file, 'utf8');
    const good = JSON.parse(file.endsWith('.jsonl') ? (text.split('\n')[0] as string) : text) as Record<
      string,
      unknown
    >;
    const goodLine = Buffer.from(JSON.stringify(good));
    const alone = outcomes(format, goodLine).mapped[0]?.outcome;
    assert.ok(alone !== undefined);
    fc.assert(
      fc.property(fc.array(malformed(good), { minLength: 1, maxLength: 4 }), (lines) => {
        const all = [goodLine, ...lines, goodLine];
        const bytes = Buffer.concat(all.flatMap((line) => [line, Buffer.from('\n')]));
        const { mapped, rejects } = outcomes(format, bytes);
        const blank = lines.filter((line) => line.toString().trim() === '').length;
        assert.equal(mapped.length + rejects.length, all.length - blank, 'every line is counted once');
        const first = mapped.find((m) => m.record === 1)?.outcome;
        const last = mapped.find((m) => m.record === all.length)?.outcome;
        assert.deepEqual(first, alone);
        assert.deepEqual(last, alone);
      }),
      { numRuns: 40, seed: 20261205 },
    );
  });
}
