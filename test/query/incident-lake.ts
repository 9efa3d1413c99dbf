// The reference incident in miniature: Service_Backup's IAM calls recorded in us-east-1 and us-west-2,
// an S3 read, and Macie and GuardDuty findings, with us-west-2 as the rollup region. One more file holds a
// call that was written but never committed, so no query may ever see it.

import { after, before } from 'node:test';
import { openQueryEngine, type QueryEngine } from '../../src/query/index.ts';
import type { FixtureFile } from './lake-fixture.ts';
import { buildLake, type FixtureLake } from './lake-fixture.ts';

const backup = (accountUid: string) => ({
  user: { type: 'AssumedRole', name: 'Service_Backup', uid: 'AROAEXAMPLE:backup', account: { uid: accountUid } },
  session: { issuer: 'arn:aws:iam::111122223333:role/Service_Backup' },
});

const iamCall = (operation: string, time: string, data: object, actor: object, target: string | null = null) => ({
  time: Date.parse(`${time}Z`),
  time_dt: time,
  metadata: { product: { name: 'CloudTrail' } },
  cloud: { region: 'us-east-1', provider: 'AWS' },
  api: { operation, service: { name: 'iam.amazonaws.com' }, request: { data: JSON.stringify(data) } },
  actor,
  user: target === null ? null : { name: target },
  status: 'Success',
});

export const INCIDENT_FILES: readonly FixtureFile[] = [
  {
    source: 'cloud_trail_mgmt',
    region: 'us-east-1',
    accountId: '111122223333',
    eventDay: '20240310',
    name: 'iam-east',
    rows: [
      iamCall('CreateUser', '2024-03-10 09:15:00', { userName: 'test_user2' }, backup('111122223333'), 'test_user2'),
      iamCall(
        'AttachUserPolicy',
        '2024-03-10 09:16:30.250',
        { userName: 'test_user2', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        backup('111122223333'),
        'test_user2',
      ),
      iamCall('DeleteUser', '2024-03-11 10:00:00', { userName: 'old_user' }, { user: { name: 'admin' } }, 'old_user'),
      iamCall('CreateRole', '2024-06-02 08:00:00', { roleName: 'late_role' }, backup('111122223333')),
    ],
  },
  {
    source: 'cloud_trail_mgmt',
    region: 'us-west-2',
    accountId: '444455556666',
    eventDay: '20240312',
    name: 'iam-west',
    rows: [
      {
        ...iamCall('DeleteRole', '2024-03-12 11:00:00', { roleName: 'audit_role' }, backup('444455556666')),
        cloud: { region: 'us-west-2', provider: 'AWS' },
      },
    ],
  },
  {
    source: 'cloud_trail_mgmt',
    region: 'us-west-2',
    accountId: '444455556666',
    eventDay: '20240312',
    name: 'uncommitted',
    committed: false,
    rows: [
      iamCall('CreateLoginProfile', '2024-03-12 12:00:00', { userName: 'ghost' }, backup('444455556666'), 'ghost'),
    ],
  },
  {
    source: 's3_data',
    region: 'us-east-1',
    accountId: '111122223333',
    eventDay: '20240313',
    name: 's3-east',
    rows: [
      {
        time: Date.parse('2024-03-13T07:00:00Z'),
        time_dt: '2024-03-13 07:00:00',
        cloud: { region: 'us-east-1' },
        actor: backup('111122223333'),
        api: { operation: 'GetObject', request: { data: '{"bucketName":"finance","key":"payroll.csv"}' } },
        status: 'Success',
      },
    ],
  },
  {
    source: 'sh_findings',
    region: 'us-west-2',
    accountId: '111122223333',
    eventDay: '20240312',
    name: 'findings',
    rows: [
      finding('Macie', '2024-03-12 14:30:00', 'S3 object contains credentials.'),
      finding('GuardDuty', '2024-03-12 15:00:00', 'Unusual API calls.'),
      finding('Macie', '2024-03-20 08:00:00', 'Outside the window.'),
    ],
  },
];

function finding(product: string, time: string, desc: string): Record<string, unknown> {
  return {
    time: Date.parse(`${time}Z`),
    time_dt: time,
    metadata: { product: { name: product } },
    cloud: { account: { uid: '111122223333' }, region: 'us-west-2', provider: 'AWS' },
    resources: [
      { type: 'AwsS3Bucket', uid: 'arn:aws:s3:::finance' },
      { type: 'AwsS3Object', uid: 'payroll.csv' },
    ],
    finding_info: { desc, title: `${product} finding`, uid: `${product}-${time}` },
  };
}

export function buildIncidentLake(): Promise<FixtureLake> {
  return buildLake(INCIDENT_FILES, { rollupRegion: 'us-west-2' });
}

export interface IncidentEngine {
  readonly lake: FixtureLake;
  readonly engine: QueryEngine;
}

/** The incident lake and an engine over it, built before a file's tests and removed after them. */
export function useIncidentEngine(): IncidentEngine {
  const state: { lake?: FixtureLake; engine?: QueryEngine } = {};
  before(async () => {
    state.lake = await buildIncidentLake();
    state.engine = await openQueryEngine({ lakeDir: state.lake.dir });
  });
  after(async () => {
    await state.engine?.close();
    await state.lake?.remove();
  });
  return {
    get lake() {
      if (!state.lake) throw new Error('the incident lake is built in before()');
      return state.lake;
    },
    get engine() {
      if (!state.engine) throw new Error('the engine is opened in before()');
      return state.engine;
    },
  };
}
