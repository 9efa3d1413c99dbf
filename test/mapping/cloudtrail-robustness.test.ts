// Odd input never throws: wrong types are mapped as far as they go or left in `unmapped`, and a record that
// cannot become a row says why.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapCloudTrailEvent } from '../../src/mapping/cloudtrail/cloudtrail-mapping.ts';

const RECORD = {
  eventTime: '2024-03-10T12:00:00Z',
  eventName: 'ListBuckets',
  eventSource: 's3.amazonaws.com',
  awsRegion: 'us-east-1',
  recipientAccountId: '111122223333',
  sourceIPAddress: '192.0.2.1',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/a' },
};

function reason(record: unknown): string {
  const outcome = mapCloudTrailEvent(record as Record<string, unknown>);
  assert.ok(!outcome.ok, 'expected a refusal');
  return outcome.reason;
}

test('routing: what Security Lake does not collect is refused with a reason', () => {
  assert.equal(reason(null), 'record is not a JSON object');
  assert.equal(reason([RECORD]), 'record is not a JSON object');
  assert.match(reason({ ...RECORD, eventCategory: 'Insight' }), /Insights/);
  assert.match(reason({ ...RECORD, eventType: 'AwsCloudTrailInsight' }), /Insights/);
  assert.match(reason({ ...RECORD, eventCategory: 'NetworkActivity' }), /"NetworkActivity" is not collected/);
  assert.match(reason({ ...RECORD, eventCategory: 'Data', eventSource: 'dynamodb.amazonaws.com' }), /dynamodb/);
  assert.match(reason({ ...RECORD, eventCategory: 'Data', eventSource: undefined }), /without an eventSource/);
  assert.equal(reason({ ...RECORD, awsRegion: '' }), 'record has no awsRegion');
  assert.equal(reason({ ...RECORD, eventName: '' }), 'record has no eventName');
  assert.equal(
    reason({ ...RECORD, recipientAccountId: undefined }),
    'record has no recipientAccountId or userIdentity.accountId',
  );
});

test('routing: management and S3/Lambda data events go to their tables', () => {
  const source = (record: Record<string, unknown>) => {
    const outcome = mapCloudTrailEvent(record);
    return outcome.ok ? outcome.source : outcome.reason;
  };
  assert.equal(source(RECORD), 'cloud_trail_mgmt');
  assert.equal(source({ ...RECORD, managementEvent: true }), 'cloud_trail_mgmt');
  assert.equal(source({ ...RECORD, managementEvent: false }), 's3_data');
  assert.equal(source({ ...RECORD, eventCategory: 'Data' }), 's3_data');
  assert.equal(source({ ...RECORD, eventCategory: 'Data', eventSource: 'lambda.amazonaws.com' }), 'lambda_execution');
  assert.equal(source({ ...RECORD, eventCategory: 'Management', managementEvent: false }), 'cloud_trail_mgmt');
});

test('wrong types: scalars are taken as text, structures stay in unmapped', () => {
  const outcome = mapCloudTrailEvent({
    ...RECORD,
    recipientAccountId: 111122223333,
    eventVersion: 1.08,
    userAgent: { name: 'odd' },
    userIdentity: { type: 'IAMUser', arn: ['arn:aws:iam::111122223333:user/a'], sessionContext: 'x' },
    requestID: 'r-1',
    requestParameters: 'bucket=a',
    resources: [null, 'x', { ARN: 7 }],
    errorCode: 'AccessDenied',
  });
  assert.ok(outcome.ok);
  const row = outcome.row as Record<string, Record<string, unknown>>;
  assert.equal(row.accountid, '111122223333');
  assert.deepStrictEqual(row.metadata?.product, {
    name: 'CloudTrail',
    vendor_name: 'AWS',
    version: '1.08',
    feature: { name: 'Management, Data, and Insights' },
  });
  assert.deepStrictEqual(row.api?.request, { uid: 'r-1', data: 'bucket=a' });
  assert.equal(row.status, 'Failure');
  assert.deepStrictEqual(row.actor, { user: { type: 'IAMUser' } });
  assert.deepStrictEqual(row.resources, [{ uid: '7' }]);
  assert.deepStrictEqual(row.unmapped, {
    recipientAccountId: '111122223333',
    'userAgent.name': 'odd',
    'userIdentity.arn[]': 'arn:aws:iam::111122223333:user/a',
    'userIdentity.sessionContext': 'x',
    'resources[]': 'x',
  });
});

test('a 2014-era record without requestID or eventID keeps its request parameters in api.request.data', () => {
  const outcome = mapCloudTrailEvent({ ...RECORD, requestParameters: { bucketName: 'b', key: 'k' } });
  assert.ok(outcome.ok);
  assert.deepStrictEqual((outcome.row.api as Record<string, unknown>).request, {
    data: '{"bucketName":"b","key":"k"}',
  });
  assert.deepStrictEqual(outcome.row.unmapped, { recipientAccountId: '111122223333' });
  assert.deepStrictEqual((outcome.row.metadata as Record<string, unknown>).product, {
    name: 'CloudTrail',
    vendor_name: 'AWS',
    feature: { name: 'Management, Data, and Insights' },
  });
});

test('with an eventID but no requestID, requestParameters stays in unmapped (OCSF requires api.request.uid)', () => {
  const outcome = mapCloudTrailEvent({ ...RECORD, eventID: 'e-1', requestParameters: { bucketName: 'b' } });
  assert.ok(outcome.ok);
  assert.equal((outcome.row.api as Record<string, unknown>).request, undefined);
  assert.equal((outcome.row.unmapped as Record<string, string>)['requestParameters.bucketName'], 'b');
});
