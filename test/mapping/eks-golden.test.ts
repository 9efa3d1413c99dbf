// Golden cases of EKS audit events → eks_audit rows (API Activity 6003). Audit events name no account or
// region, so every case is read as if delivered under one AWSLogs path.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapEksAuditEvent } from '../../src/mapping/eks/eks-audit-mapping.ts';
import type { MapOutcome } from '../../src/mapping/ocsf-row.ts';
import { withPlace } from '../../src/mapping/record-place.ts';
import { attachOrigin, deliveryOrigin } from '../../src/sources/delivery-path.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';
import { goldenSet, type Row } from './golden-cases.ts';

const ORIGIN = deliveryOrigin('/cases/AWSLogs/111122223333/EKS/us-east-1/2024/03/10/audit.json.gz');
const delivered = (input: Row) => mapEksAuditEvent(attachOrigin(input, ORIGIN));

const golden = goldenSet('eks', 'eks_audit', delivered, [
  'anonymous-get',
  'create-pod',
  'delete-deployment',
  'forbidden-exec',
  'get-secret',
  'watch-configmaps',
]);

test('golden eks rows are valid OCSF 1.1.0', () => {
  assert.deepEqual(validateOcsf(golden.cases.map(golden.map)), []);
});

test('the verb picks the activity', () => {
  const activity = (verb: string) => {
    const outcome = delivered({ ...EVENT, verb });
    assert.ok(outcome.ok);
    return [outcome.row.activity_id, outcome.row.activity_name, outcome.row.type_uid];
  };
  assert.deepEqual(activity('list'), [2, 'Read', 600302]);
  assert.deepEqual(activity('patch'), [3, 'Update', 600303]);
  assert.deepEqual(activity('update'), [3, 'Update', 600303]);
  assert.deepEqual(activity('deletecollection'), [4, 'Delete', 600304]);
  assert.deepEqual(activity('impersonate'), [99, 'Other', 600399]);
});

test('an audit event outside an AWSLogs path, or without a time, is rejected with the reason', () => {
  assert.deepEqual(mapEksAuditEvent({ ...EVENT }), {
    ok: false,
    reason:
      'no account id: the audit event names no AWS user (user.extra.arn, user.uid aws-iam-authenticator:<account>:…), and the file is not under AWSLogs/<account>/',
  });
  const { stageTimestamp: _, requestReceivedTimestamp: __, ...timeless } = EVENT;
  assert.deepEqual(delivered(timeless), {
    ok: false,
    reason: 'record has no parseable stageTimestamp or requestReceivedTimestamp',
  });
});

test('the account of an audit event exported from CloudWatch comes from its user; the region from --region', () => {
  const arn = 'arn:aws:sts::444455556666:assumed-role/admin/alice';
  const users: Record<string, unknown>[] = [
    { user: { username: 'alice', extra: { arn: [arn] } } },
    { user: { username: 'alice', uid: 'aws-iam-authenticator:444455556666:AROAEXAMPLE' } },
    { user: { username: 'system:anonymous' }, impersonatedUser: { extra: { canonicalArn: [arn] } } },
  ];
  for (const who of users) {
    const event = { ...EVENT, ...who };
    assert.match(reasonOf(mapEksAuditEvent(event)), /^no region: /);
    const placed = mapEksAuditEvent(
      withPlace('eks_audit', { ...event }, { accountId: '111122223333', region: 'eu-west-1' }),
    );
    assert.ok(placed.ok);
    assert.deepEqual([placed.row.accountid, placed.row.region], ['444455556666', 'eu-west-1'], JSON.stringify(who));
  }
  // Under AWSLogs/<account>/ the cluster's account is the path's, whoever the user is.
  const onPath = delivered({ ...EVENT, ...users[0] });
  assert.ok(onPath.ok);
  assert.equal(onPath.row.accountid, '111122223333');
  // An event naming no user takes --account.
  const anonymous = mapEksAuditEvent(
    withPlace('eks_audit', { ...EVENT }, { accountId: '111122223333', region: 'eu-west-1' }),
  );
  assert.ok(anonymous.ok);
  assert.deepEqual([anonymous.row.accountid, anonymous.row.region], ['111122223333', 'eu-west-1']);
});

function reasonOf(outcome: MapOutcome): string {
  assert.ok(!outcome.ok);
  return outcome.reason;
}

const EVENT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  auditID: 'a1',
  verb: 'get',
  stageTimestamp: '2024-03-10T12:00:00.000000Z',
  requestReceivedTimestamp: '2024-03-10T12:00:00.000000Z',
};
