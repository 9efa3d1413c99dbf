// Issue 10, proof: fast-check throws malformed records (deep nesting, huge strings, wrong types, invalid UTF-8,
// duplicate keys, odd regions and accounts) at every record parser, between two good records. Every record is
// mapped (with a region and account fit for the lake's layout) or rejected with a reason, nothing throws, and
// the good records come out exactly as they do alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { LogFormat } from '../../src/sources/log-file.ts';
import { PANTHER_KEYS } from '../../src/sources/vpc-flow-fields.ts';
import { golden, malformedValue, outcomes, PARTITION_KEYS } from '../helpers/malformed-records.ts';

/** A golden flow record as Panther's parsed JSON names its fields (`srcAddr`, `account`, `status`). */
function pantherFlow(record: Record<string, unknown>): Record<string, unknown> {
  const names = new Map([...PANTHER_KEYS].map(([panther, underscore]) => [underscore, panther]));
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [names.get(key) ?? key, value]));
}

/**
 * One line format per parser, each with a real record of its kind that maps to a row as the good one (golden
 * inputs; an EKS event that names its account, a flow record as Panther's test data spells it).
 */
const FORMATS: readonly [LogFormat, Record<string, unknown>][] = [
  ['cloudtrail-lines', golden('cloudtrail/iam-create-user')],
  ['asff-lines', golden('asff/securityhub-control-failed')],
  ['guardduty-eventbridge', golden('guardduty/ec2-dga-domain-request')],
  ['vpc-flow-lines', pantherFlow(golden('vpc_flow/accepted-ingress-v5'))],
  ['route53-resolver-lines', golden('route53/dns-firewall-block')],
  ['waf-lines', golden('waf/allow-get-default-action')],
  ['eks-audit-lines', golden('eks/create-pod')],
];

/** Line bytes of one malformed record made from the good one. */
function malformed(good: Record<string, unknown>): fc.Arbitrary<Buffer> {
  const keys = Object.keys(good);
  return fc.oneof(
    malformedValue(good).map((value) => Buffer.from(JSON.stringify(value))),
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
    fc.string().map((s) => Buffer.from(s.replaceAll('\n', ' '))),
  );
}

for (const [format, good] of FORMATS) {
  test(`${format}: malformed records are mapped or rejected with a reason; the good ones around them land`, () => {
    const goodLine = Buffer.from(JSON.stringify(good));
    const alone = outcomes(format, goodLine).mapped[0]?.outcome;
    assert.ok(alone?.ok, `the good ${format} record maps alone: ${JSON.stringify(alone)}`);
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
