// Odd and partial findings: rejections with reasons, the fallbacks the mapping documents, and blocks of the
// wrong type, which must neither throw nor produce an invalid row.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OcsfRow } from '../../src/mapping/ocsf-row.ts';
import { mapAsffFinding } from '../../src/mapping/securityhub/asff-mapping.ts';
import { parseAsffTime } from '../../src/mapping/securityhub/asff-time.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';

const BASE = {
  Id: 'finding-1',
  AwsAccountId: '111122223333',
  ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty',
  CompanyName: 'Amazon',
  Title: 'A finding',
  CreatedAt: '2024-03-10T12:00:00Z',
  UpdatedAt: '2024-03-10T12:00:00Z',
  Severity: { Label: 'LOW' },
};

function mapRow(finding: Record<string, unknown>): OcsfRow {
  const outcome = mapAsffFinding(finding);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
  return outcome.row;
}

test('findings without an Id, an account or a usable time are rejected with the reason', () => {
  const { Id, AwsAccountId, ...rest } = BASE;
  assert.deepEqual(mapAsffFinding({ ...rest, AwsAccountId }), { ok: false, reason: 'the finding has no Id' });
  assert.deepEqual(mapAsffFinding({ ...rest, Id }), { ok: false, reason: 'finding finding-1 has no AwsAccountId' });
  assert.deepEqual(mapAsffFinding({ ...BASE, CreatedAt: undefined, UpdatedAt: 'yesterday' }), {
    ok: false,
    reason: 'finding finding-1 has no parseable UpdatedAt or CreatedAt',
  });
  assert.deepEqual(mapAsffFinding(null as unknown as Record<string, unknown>), {
    ok: false,
    reason: 'the finding is not a JSON object',
  });
  assert.deepEqual(mapAsffFinding([] as unknown as Record<string, unknown>), {
    ok: false,
    reason: 'the finding is not a JSON object',
  });
});

test('ASFF times: ISO 8601 with any zone and the Panther form, as UTC; impossible dates are not times', () => {
  assert.deepEqual(parseAsffTime('2024-05-24 22:53:24.000000000'), {
    ms: Date.UTC(2024, 4, 24, 22, 53, 24),
    iso: '2024-05-24T22:53:24.000Z',
  });
  assert.equal(parseAsffTime('2024-03-10T14:01:02.3456+02:00')?.iso, '2024-03-10T12:01:02.345Z');
  assert.equal(parseAsffTime('2024-03-10T12:01:02Z')?.iso, '2024-03-10T12:01:02.000Z');
  assert.equal(parseAsffTime('2024-02-30T00:00:00Z'), undefined);
  assert.equal(parseAsffTime('2024-03-10'), undefined);
  assert.equal(parseAsffTime(1710072062345), undefined);
});

test('ASFF times: leap days only in leap years, no hour 24 or second 60, no two-digit years', () => {
  const valid = (text: string) => parseAsffTime(text)?.iso;
  assert.equal(valid('2024-02-29T23:59:59Z'), '2024-02-29T23:59:59.000Z');
  assert.equal(valid('2000-02-29T00:00:00Z'), '2000-02-29T00:00:00.000Z');
  assert.equal(valid('2024-12-31T23:59:59-01:00'), '2025-01-01T00:59:59.000Z');
  for (const impossible of [
    '2023-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-03-00T00:00:00Z',
    '2024-03-10T24:00:00Z',
    '2024-03-10T12:60:00Z',
    '2024-03-10T12:00:60Z',
    '0099-03-10T12:00:00Z',
  ]) {
    assert.equal(parseAsffTime(impossible), undefined, impossible);
  }
});

test('an unparseable UpdatedAt falls back to CreatedAt and stays in unmapped', () => {
  const row = mapRow({ ...BASE, UpdatedAt: 'not a time' });
  assert.equal(row.time_dt, '2024-03-10T12:00:00.000Z');
  assert.equal(row.activity_name, 'Create');
  assert.equal((row.unmapped as Record<string, string>).UpdatedAt, 'not a time');
});

test('without ProductName or Region, both come from the ProductArn', () => {
  const row = mapRow({
    ...BASE,
    ProductArn: 'arn:aws:securityhub:us-east-2:123456789012:product/123456789012/default',
  });
  assert.equal((row.metadata as { product: { name: string } }).product.name, 'Default');
  assert.equal(row.region, 'us-east-2');
  const analyzer = mapRow({ ...BASE, ProductArn: 'arn:aws:securityhub:us-east-2::product/aws/access-analyzer' });
  assert.equal((analyzer.metadata as { product: { name: string } }).product.name, 'IAM Access Analyzer');
});

test('severity: unknown labels are Other, a missing label is ranked from Severity.Normalized', () => {
  assert.deepEqual(pick(mapRow({ ...BASE, Severity: { Label: 'SEVERE' } })), { severity_id: 99, severity: 'SEVERE' });
  assert.deepEqual(pick(mapRow({ ...BASE, Severity: { Normalized: 95 } })), { severity_id: 5, severity: 'Critical' });
  assert.deepEqual(pick(mapRow({ ...BASE, Severity: undefined })), { severity_id: 0, severity: 'Unknown' });
});

function pick(row: OcsfRow): { severity_id: unknown; severity: unknown } {
  return { severity_id: row.severity_id, severity: row.severity };
}

test('blocks of the wrong type neither throw nor make an invalid row, and stay in unmapped', () => {
  const row = mapRow({
    ...BASE,
    Resources: 'arn:aws:s3:::bucket',
    Vulnerabilities: { Id: 'CVE-1' },
    Compliance: [],
    ProductFields: 7,
    Types: 'TTPs',
    Workflow: null,
    Confidence: 'high',
  });
  assert.equal(row.class_uid, 2004);
  assert.deepEqual(row.unmapped, {
    Resources: 'arn:aws:s3:::bucket',
    'Vulnerabilities.Id': 'CVE-1',
    'Compliance[]': '[]',
    ProductFields: '7',
    Types: 'TTPs',
    Confidence: 'high',
  });
  assert.deepEqual(validateOcsf([row]), []);
});

test('a compliance finding with several resources shows the first and keeps them all in unmapped', () => {
  const row = mapRow({
    ...BASE,
    Compliance: {
      Status: 'FAILED',
      AssociatedStandards: [{ StandardsId: 'standards/cis-aws-foundations-benchmark/v/1.4.0' }],
      StatusReasons: [{ ReasonCode: 'CW_ALARMS_NOT_PRESENT', Description: 'CloudWatch alarms do not exist' }],
    },
    Resources: [
      { Type: 'AwsAccount', Id: 'AWS::::Account:111122223333' },
      { Type: 'AwsCloudTrailTrail', Id: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main' },
    ],
  });
  assert.equal(row.class_uid, 2003);
  assert.deepEqual(row.resource, { type: 'AwsAccount', uid: 'AWS::::Account:111122223333' });
  assert.deepEqual(row.compliance, {
    status: 'FAILED',
    standards: ['standards/cis-aws-foundations-benchmark/v/1.4.0'],
    status_detail: 'CloudWatch alarms do not exist',
    status_code: 'CW_ALARMS_NOT_PRESENT',
  });
  const unmapped = row.unmapped as Record<string, string>;
  assert.equal(unmapped['Resources[].Type'], 'AwsAccount,AwsCloudTrailTrail');
  assert.deepEqual(validateOcsf([row]), []);
});

test('GuardDuty runtime and Kubernetes evidence is valid OCSF; the linux-only euid stays in unmapped', () => {
  const process = 'aws/guardduty/service/runtimeDetails/process/';
  const k8s = 'aws/guardduty/service/action/kubernetesApiCallAction/';
  const row = mapRow({
    ...BASE,
    ProductFields: {
      [`${process}name`]: 'xmrig',
      [`${process}executablePath`]: '/tmp/xmrig',
      [`${process}executableSha256`]: 'a'.repeat(64),
      [`${process}pid`]: '4242',
      [`${process}euid`]: '0',
      [`${process}startTime`]: '2024-03-10T11:59:00Z',
      [`${process}user`]: 'root',
      [`${k8s}verb`]: 'create',
      [`${k8s}remoteIpDetails/ipAddressV4`]: '203.0.113.9',
    },
  });
  assert.deepEqual(row.evidences, [
    {
      api: { operation: 'create' },
      src_endpoint: { ip: '203.0.113.9' },
      actor: {
        process: {
          name: 'xmrig',
          pid: 4242,
          created_time_dt: '2024-03-10T11:59:00.000Z',
          user: { name: 'root' },
          file: {
            path: '/tmp/xmrig',
            name: 'xmrig',
            type_id: 1,
            hashes: [{ value: 'a'.repeat(64), algorithm_id: 3, algorithm: 'SHA-256' }],
          },
        },
      },
    },
  ]);
  assert.deepEqual(row.unmapped, { [`ProductFields.${process}euid`]: '0' });
  assert.deepEqual(validateOcsf([row]), []);
});

test('without a top-level Region or CompanyName, the first resource and ProductFields name them', () => {
  const { CompanyName: _, ...rest } = BASE;
  const finding = {
    ...rest,
    ProductArn: 'arn:aws:securityhub:::product/111122223333/default',
    ProductFields: { 'aws/securityhub/CompanyName': 'Example Corp' },
    Resources: [
      { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b', Region: 'ap-south-1' },
      { Type: 'Other', Id: 'x', Region: 'eu-north-1' },
    ],
  };
  const row = mapRow(finding);
  assert.equal((row.cloud as { region?: string }).region, 'ap-south-1');
  assert.equal(row.region, 'ap-south-1');
  const metadata = row.metadata as { product: Record<string, unknown> };
  assert.equal(metadata.product.vendor_name, 'Example Corp');
  // Security Lake keeps ProductFields in `unmapped` as they are, the company among them.
  assert.equal((row.unmapped as Record<string, string>)['ProductFields.aws/securityhub/CompanyName'], 'Example Corp');
  assert.deepEqual(validateOcsf([row]), []);
  // A top-level Region still wins over the resources'.
  assert.equal(mapRow({ ...finding, Region: 'us-west-2' }).region, 'us-west-2');
});
