// Issue 10, proof, for the parsers of files that hold records inside something else: documents
// (`{"Records":[…]}`, `{"Findings":[…]}`, lookup-events, CloudTrail Lake results, CloudWatch exports),
// envelopes (EventBridge), CSV exports (console, CloudTrail Lake) and VPC flow text lines. fast-check puts
// malformed records between two good ones; every record is mapped or rejected with a reason, nothing throws,
// each entry is counted once, and the good records come out exactly as they do alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { LogFormat } from '../../src/sources/log-file.ts';
import { golden, malformedValue, ODD_PARTITIONS, outcomes } from '../helpers/malformed-records.ts';

type Wrap = (records: readonly unknown[]) => Buffer;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const lines = (values: readonly unknown[]) => Buffer.from(`${values.map((v) => JSON.stringify(v)).join('\n')}\n`);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const csvCell = (text: string) => `"${text.replaceAll('"', '""')}"`;
/** What a CSV cell or a Lake result column holds: text as it is, anything else as JSON. */
const cellText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

const CLOUDTRAIL = golden('cloudtrail/iam-create-user');
const FINDING = golden('asff/securityhub-control-failed');
const GUARDDUTY = golden('guardduty/ec2-dga-domain-request').detail as Record<string, unknown>;
const AUDIT = golden('eks/create-pod');

/** Each container format, the good record it holds, and how records are put in it. */
const CONTAINERS: readonly [LogFormat, Record<string, unknown>, Wrap][] = [
  ['cloudtrail-delivery', CLOUDTRAIL, (records) => json({ Records: records })],
  [
    'cloudtrail-lookup',
    CLOUDTRAIL,
    (records) => json({ Events: records.map((r, i) => ({ EventId: `e${i}`, CloudTrailEvent: JSON.stringify(r) })) }),
  ],
  [
    'cloudtrail-console-csv',
    CLOUDTRAIL,
    (records) =>
      Buffer.from(
        `Event ID,Event name,CloudTrail event\r\n${records.map((r, i) => `e${i},x,${csvCell(JSON.stringify(r) ?? '')}\r\n`).join('')}`,
      ),
  ],
  [
    'cloudtrail-lake-query-results',
    CLOUDTRAIL,
    (records) =>
      json({
        QueryResultRows: records.map((r) =>
          isObject(r) ? Object.entries(r).map(([column, value]) => ({ [column]: cellText(value) })) : r,
        ),
      }),
  ],
  [
    'cloudtrail-lake-csv',
    CLOUDTRAIL,
    (records) => {
      const columns = Object.keys(CLOUDTRAIL);
      const cells = (r: unknown) =>
        columns.map((column, i) => csvCell(isObject(r) ? cellText(r[column]) : i === 0 ? cellText(r) : ''));
      return Buffer.from(`${columns.join(',')}\r\n${records.map((r) => `${cells(r).join(',')}\r\n`).join('')}`);
    },
  ],
  ['asff-get-findings', FINDING, (records) => json({ Findings: records })],
  [
    'asff-eventbridge',
    FINDING,
    (records) =>
      lines(
        records.map((r) => ({
          version: '0',
          'detail-type': 'Security Hub Findings - Imported',
          source: 'aws.securityhub',
          detail: { findings: [r] },
        })),
      ),
  ],
  ['guardduty-get-findings', GUARDDUTY, (records) => json({ Findings: records })],
  ['guardduty-lines', GUARDDUTY, lines],
  [
    'eks-audit-cloudwatch-events',
    AUDIT,
    (records) => json({ events: records.map((r, i) => ({ timestamp: i, message: JSON.stringify(r) ?? '' })) }),
  ],
  [
    'eks-audit-cloudwatch-lines',
    AUDIT,
    (records) => lines(records.map((r, i) => ({ timestamp: i, message: JSON.stringify(r) ?? '' }))),
  ],
];

/** The record numbers a read names, in order: the first and last are the two good records. */
function positions(read: ReturnType<typeof outcomes>): number[] {
  return [...read.mapped.map((m) => m.record), ...read.rejects.map((r) => r.record ?? 0)].sort((a, b) => a - b);
}

for (const [format, good, wrap] of CONTAINERS) {
  test(`${format}: malformed records inside are mapped or rejected with a reason; the good ones land`, () => {
    const alone = outcomes(format, wrap([good])).mapped[0]?.outcome;
    assert.ok(alone?.ok, `the good ${format} record maps alone: ${JSON.stringify(alone)}`);
    fc.assert(
      fc.property(fc.array(malformedValue(good), { minLength: 1, maxLength: 4 }), (bad) => {
        const read = outcomes(format, wrap([good, ...bad, good]));
        const at = positions(read);
        assert.equal(at.length, bad.length + 2, 'every record is counted once');
        assert.deepEqual(read.mapped.find((m) => m.record === at[0])?.outcome, alone);
        assert.deepEqual(read.mapped.find((m) => m.record === at.at(-1))?.outcome, alone);
      }),
      { numRuns: 25, seed: 20261206 },
    );
  });
}

const FLOW = golden('vpc_flow/accepted-ingress-v5') as Record<string, string>;
const FLOW_FIELDS = Object.keys(FLOW);
const FLOW_HEADER = FLOW_FIELDS.map((field) => field.replaceAll('_', '-')).join(' ');
const flowLine = (record: Record<string, string>) => FLOW_FIELDS.map((field) => record[field]).join(' ');

/** A flow text line made from the good one: a field replaced by an odd token, a field too few, or bad bytes. */
const malformedFlowLine: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...FLOW_FIELDS),
      fc.oneof(
        fc.string({ minLength: 1 }).map((s) => s.replace(/\s/g, '_') || '_'),
        fc.integer({ min: 1, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
        fc.constantFrom(...ODD_PARTITIONS.filter((p) => p !== '' && !p.includes(' ')), '-', '99999999999999999999'),
      ),
    )
    .map(([field, token]) => Buffer.from(flowLine({ ...FLOW, [field]: token }))),
  fc.constantFrom(...FLOW_FIELDS).map((field) => {
    const { [field]: _dropped, ...rest } = FLOW;
    return Buffer.from(FLOW_FIELDS.flatMap((f) => (f in rest ? [rest[f]] : [])).join(' '));
  }),
  fc
    .tuple(fc.constantFrom(...FLOW_FIELDS), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80]))
    .map(([field, bytes]) => {
      const [before, after] = flowLine({ ...FLOW, [field]: '\u0000' }).split('\u0000');
      return Buffer.concat([Buffer.from(before ?? ''), Buffer.from(bytes), Buffer.from(after ?? '')]);
    }),
);

test('vpc-flow-text: malformed lines are mapped or rejected with a reason; the good ones land', () => {
  const text = (body: readonly Buffer[]) =>
    Buffer.concat([Buffer.from(`${FLOW_HEADER}\n`), ...body.flatMap((line) => [line, Buffer.from('\n')])]);
  const goodLine = Buffer.from(flowLine(FLOW));
  const alone = outcomes('vpc-flow-text', text([goodLine])).mapped[0]?.outcome;
  assert.ok(alone?.ok, `the good flow line maps alone: ${JSON.stringify(alone)}`);
  fc.assert(
    fc.property(fc.array(malformedFlowLine, { minLength: 1, maxLength: 4 }), (bad) => {
      const read = outcomes('vpc-flow-text', text([goodLine, ...bad, goodLine]));
      const at = positions(read);
      assert.equal(at.length, bad.length + 2, 'every line is counted once');
      assert.deepEqual(read.mapped.find((m) => m.record === at[0])?.outcome, alone);
      assert.deepEqual(read.mapped.find((m) => m.record === at.at(-1))?.outcome, alone);
    }),
    { numRuns: 40, seed: 20261206 },
  );
});
