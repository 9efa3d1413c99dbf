// Builds input files for the sources tests in a fresh temporary folder, from small inline records.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { gzipSync } from 'node:zlib';

const folders: string[] = [];
after(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

export async function fixtureFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tarn-sources-'));
  folders.push(folder);
  return folder;
}

/** Writes `content` at `name` (sub-folders created), gzipped when asked; returns the file's path. */
export async function writeFixture(
  folder: string,
  name: string,
  content: string | Buffer,
  options: { gzip?: boolean } = {},
): Promise<string> {
  const path = join(folder, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, options.gzip ? gzipSync(content) : content);
  return path;
}

export function jsonLines(values: readonly unknown[]): string {
  return `${values.map((value) => JSON.stringify(value)).join('\n')}\n`;
}

let sequence = 0;

/** A CloudTrail management event, trimmed to a few real fields. */
export function cloudTrailEvent(eventName: string): Record<string, unknown> {
  sequence++;
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', accountId: '111122223333', userName: 'alice' },
    eventTime: '2023-07-10T11:42:36Z',
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    eventID: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    recipientAccountId: '111122223333',
  };
}

/** A Security Hub finding in ASFF, trimmed to the required fields. */
export function asffFinding(id: string): Record<string, unknown> {
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    GeneratorId: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1',
    AwsAccountId: '111122223333',
    Types: ['TTPs/Initial Access'],
    CreatedAt: '2024-05-24T22:53:24Z',
    UpdatedAt: '2024-05-24T22:53:24Z',
    Severity: { Label: 'HIGH' },
    Title: 'Unusual API call',
    Description: 'An API was called from an unusual place.',
    Resources: [{ Type: 'AwsAccount', Id: 'AWS::::Account:111122223333' }],
  };
}

/** An EventBridge "Security Hub Findings - Imported" envelope around the given findings. */
export function findingsEnvelope(findings: readonly unknown[]): Record<string, unknown> {
  return {
    version: '0',
    id: 'c8e0b1a6-0000-4000-8000-000000000001',
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account: '111122223333',
    time: '2024-05-24T22:53:41Z',
    region: 'us-east-1',
    resources: [],
    detail: { findings },
  };
}
