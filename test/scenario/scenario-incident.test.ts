import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateScenario } from '../../src/scenario/scenario-generator.ts';
import { type Delivered, field, type Json, readCloudTrail, readFindingEvents } from './delivered-files.ts';

const root = await mkdtemp(join(tmpdir(), 'tarn-scenario-incident-'));
after(() => rm(root, { recursive: true, force: true }));

const facts = await generateScenario({ outDir: root, events: 3000, seed: 11 });
const records = await readCloudTrail(root);
const findingEvents = await readFindingEvents(root);
const findings = findingEvents.map((e) => (field(e.value, 'detail.findings') as Json[])[0] as Json);
const ACCOUNT = '111122223333';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const by = (userName: string): Delivered<Json>[] =>
  records.filter((r) => field(r.value, 'userIdentity.userName') === userName && r.value.recipientAccountId === ACCOUNT);
const named = (list: Delivered<Json>[], eventName: string): Delivered<Json>[] =>
  list.filter((r) => r.value.eventName === eventName);
const attackerIps: readonly string[] = facts.incident.attackerIps;
const fromAttacker = by('Service_Backup').filter((r) => attackerIps.includes(String(r.value.sourceIPAddress)));

test('the facts name the incident account, attacker addresses and compromised key', () => {
  assert.equal(facts.incidentAccountId, ACCOUNT);
  assert.equal(facts.incident.compromisedUser.userName, 'Service_Backup');
  assert.match(facts.incident.compromisedUser.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.ok(attackerIps.every((ip) => /^(198\.51\.100|203\.0\.113)\./.test(ip)) && attackerIps.length === 2);
});

test('Service_Backup, with its long-term key, is used from both attacker addresses on 10–12 March', () => {
  assert.ok(fromAttacker.length >= 20);
  assert.deepEqual(new Set(fromAttacker.map((r) => r.value.sourceIPAddress)), new Set(attackerIps));
  for (const { value } of fromAttacker) {
    assert.equal(field(value, 'userIdentity.type'), 'IAMUser');
    assert.equal(field(value, 'userIdentity.accessKeyId'), facts.incident.compromisedUser.accessKeyId);
    assert.ok(String(value.eventTime) >= '2024-03-10' && String(value.eventTime) < '2024-03-13');
  }
  for (const name of ['GetCallerIdentity', 'ListUsers', 'ListRoles', 'ListBuckets']) {
    assert.equal(named(fromAttacker, name).length > 0, true, `no ${name} discovery`);
  }
  // Before the leak the same key is only used by the backup server.
  const baseline = by('Service_Backup').filter((r) => String(r.value.eventTime) < '2024-03-10');
  assert.ok(baseline.length > 0 && baseline.every((r) => !attackerIps.includes(String(r.value.sourceIPAddress))));
});

test('IAM events are global: recorded in us-east-1 and delivered in us-east-1 files', () => {
  const iam = records.filter((r) => r.value.eventSource === 'iam.amazonaws.com');
  assert.ok(iam.length > 20);
  for (const { file, value } of iam) {
    assert.equal(value.awsRegion, 'us-east-1');
    assert.match(file, /\/CloudTrail\/us-east-1\//);
  }
});

test('Service_Backup creates two admin users with keys and a console password, and a role trusted from outside', () => {
  const createdByVictim = facts.incident.createdUsers.filter((u) => u.createdBy === 'Service_Backup');
  assert.deepEqual(
    createdByVictim.map((u) => u.userName),
    ['backup-admin', 'svc-reporting'],
  );
  for (const user of createdByVictim) {
    const created = named(fromAttacker, 'CreateUser').find(
      (r) => field(r.value, 'requestParameters.userName') === user.userName,
    );
    assert.equal(field(created?.value, 'responseElements.user.arn'), user.arn);
    const attached = named(fromAttacker, 'AttachUserPolicy').find(
      (r) => field(r.value, 'requestParameters.userName') === user.userName,
    );
    assert.equal(field(attached?.value, 'requestParameters.policyArn'), ADMIN);
    const key = named(fromAttacker, 'CreateAccessKey').find(
      (r) => field(r.value, 'requestParameters.userName') === user.userName,
    );
    assert.equal(field(key?.value, 'responseElements.accessKey.accessKeyId'), user.accessKeyId);
    assert.match(user.accessKeyId, /^AKIA/);
  }
  const login = named(fromAttacker, 'CreateLoginProfile');
  assert.deepEqual(
    login.map((r) => field(r.value, 'requestParameters.userName')),
    ['backup-admin'],
  );

  const role = named(fromAttacker, 'CreateRole')[0]?.value;
  assert.equal(field(role, 'requestParameters.roleName'), facts.incident.createdRole.roleName);
  assert.match(String(field(role, 'requestParameters.assumeRolePolicyDocument')), /arn:aws:iam::999988887777:root/);
  assert.equal(field(role, 'responseElements.role.arn'), facts.incident.createdRole.arn);
  const rolePolicy = named(fromAttacker, 'AttachRolePolicy')[0]?.value;
  assert.deepEqual(field(rolePolicy, 'requestParameters'), { roleName: 'backup-maintenance-role', policyArn: ADMIN });
});

test('RunInstances in us-west-2 fails several times with Client.UnauthorizedOperation', () => {
  const attempts = named(fromAttacker, 'RunInstances');
  assert.ok(attempts.length >= 3);
  for (const { value, file } of attempts) {
    assert.equal(value.awsRegion, 'us-west-2');
    assert.match(file, /\/us-west-2\//);
    assert.equal(value.errorCode, 'Client.UnauthorizedOperation');
    assert.match(String(value.errorMessage), /not authorized/);
    assert.equal(value.responseElements, null);
  }
});

test('the ransom bucket is created (management) and the note put into it (data)', () => {
  const bucket = named(fromAttacker, 'CreateBucket')[0]?.value;
  assert.equal(field(bucket, 'requestParameters.bucketName'), 'breach.notify');
  assert.equal(bucket?.eventCategory, 'Management');
  assert.equal(bucket?.managementEvent, true);
  const note = named(fromAttacker, 'PutObject')[0]?.value;
  assert.equal(field(note, 'requestParameters.key'), 'README_RESTORE_FILES.txt');
  assert.equal(note?.eventCategory, 'Data');
  assert.equal(note?.managementEvent, false);
  assert.deepEqual(
    (note?.resources as Json[] | undefined)?.map((r) => [r.type, r.ARN]),
    [
      ['AWS::S3::Object', 'arn:aws:s3:::breach.notify/README_RESTORE_FILES.txt'],
      ['AWS::S3::Bucket', 'arn:aws:s3:::breach.notify'],
    ],
  );
});

test('each card file is read, then deleted (a delete marker on the versioned bucket)', () => {
  assert.equal(facts.incident.deletedObjects.length, 3);
  for (const object of facts.incident.deletedObjects) {
    assert.match(object.key, /^cc-data-2024-0[123]\.csv$/);
    const touching = fromAttacker.filter((r) => field(r.value, 'requestParameters.key') === object.key);
    const gets = named(touching, 'GetObject');
    const deletes = named(touching, 'DeleteObject');
    assert.equal(gets.length, 1);
    assert.equal(deletes.length, 1);
    assert.ok(String(gets[0]?.value.eventTime) < String(deletes[0]?.value.eventTime), 'GetObject comes first');
    for (const { value } of [...gets, ...deletes]) {
      assert.equal(value.awsRegion, 'us-west-2');
      assert.equal(value.eventCategory, 'Data');
      assert.deepEqual(
        (value.resources as Json[]).map((r) => r.type),
        ['AWS::S3::Object', 'AWS::S3::Bucket'],
      );
      assert.equal((value.resources as Json[])[1]?.accountId, ACCOUNT);
    }
    assert.ok(Number(field(gets[0]?.value, 'additionalEventData.bytesTransferredOut')) > 0);
    assert.deepEqual(deletes[0]?.value.responseElements, {
      'x-amz-delete-marker': 'true',
      'x-amz-version-id': object.deleteMarkerVersionId,
    });
  }
});

test('a user the attacker created creates another user and a key for it', () => {
  const chained = facts.incident.createdUsers.find((u) => u.createdBy === 'backup-admin');
  assert.equal(chained?.userName, 'svc-audit');
  const admin = by('backup-admin');
  const adminKey = facts.incident.createdUsers.find((u) => u.userName === 'backup-admin')?.accessKeyId;
  assert.ok(admin.every((r) => field(r.value, 'userIdentity.accessKeyId') === adminKey));
  const created = named(admin, 'CreateUser')[0]?.value;
  assert.equal(field(created, 'requestParameters.userName'), 'svc-audit');
  const key = named(admin, 'CreateAccessKey')[0]?.value;
  assert.equal(field(key, 'responseElements.accessKey.accessKeyId'), chained?.accessKeyId);
  const keyCreated = named(fromAttacker, 'CreateAccessKey').find(
    (r) => field(r.value, 'requestParameters.userName') === 'backup-admin',
  );
  assert.ok(String(keyCreated?.value.eventTime) < String(created?.eventTime), 'the key exists before it is used');
});

test('GuardDuty flags Service_Backup and its key, with the API and the remote address', () => {
  const guardDuty = findings.filter((f) => f.ProductName === 'GuardDuty');
  assert.deepEqual(guardDuty.map((f) => f.Id).sort(), [...facts.findings.guardDutyIds].sort());
  for (const finding of guardDuty) {
    assert.equal(finding.AwsAccountId, ACCOUNT);
    assert.equal(finding.ProductArn, 'arn:aws:securityhub:us-east-1::product/aws/guardduty');
    const [resource] = finding.Resources as Json[];
    assert.equal(resource?.Type, 'AwsIamAccessKey');
    assert.equal(field(resource, 'Details.AwsIamAccessKey.PrincipalName'), 'Service_Backup');
    const fields = finding.ProductFields as Record<string, string>;
    assert.equal(fields['aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4'], attackerIps[0]);
    assert.ok(fields['aws/guardduty/service/action/awsApiCallAction/api']);
  }
  assert.ok(guardDuty.some((f) => (f.Types as string[])[0]?.endsWith('Persistence:IAMUser-AnomalousBehavior')));
});

test('Macie reports financial data in each card file: bucket first, object second, in us-west-2', () => {
  const macie = findings.filter((f) => f.ProductName === 'Macie');
  assert.equal(macie.length, 3);
  const objects = facts.incident.deletedObjects.map((o) => `arn:aws:s3:::${o.bucket}/${o.key}`);
  for (const finding of macie) {
    assert.equal(finding.Region, 'us-west-2');
    assert.ok(String(finding.CreatedAt) >= '2024-03-10' && String(finding.CreatedAt) < '2024-03-15');
    assert.match(String((finding.Types as string[])[0]), /SensitiveData:S3Object-Financial$/);
    const resources = finding.Resources as Json[];
    assert.deepEqual(
      resources.map((r) => r.Type),
      ['AwsS3Bucket', 'AwsS3Object'],
    );
    assert.equal(resources[0]?.Id, 'arn:aws:s3:::acme-customer-data-prod');
    assert.ok(objects.includes(String(resources[1]?.Id)));
  }
  assert.deepEqual(new Set(macie.map((f) => (f.Resources as Json[])[1]?.Id)), new Set(objects));
});

test('findings arrive as EventBridge Security Hub import events, with benign ones across accounts', () => {
  for (const { file, value } of findingEvents) {
    const finding = (field(value, 'detail.findings') as Json[])[0] as Json;
    assert.equal(value['detail-type'], 'Security Hub Findings - Imported');
    assert.equal(value.source, 'aws.securityhub');
    assert.equal(value.account, finding.AwsAccountId);
    assert.equal(value.region, finding.Region);
    assert.match(
      file,
      new RegExp(
        `^securityhub/${finding.AwsAccountId}/${finding.Region}/\\d{4}/\\d{2}/\\d{2}/findings-\\d{2}\\.jsonl\\.gz$`,
      ),
    );
    for (const key of [
      'SchemaVersion',
      'Id',
      'ProductArn',
      'GeneratorId',
      'Types',
      'CreatedAt',
      'UpdatedAt',
      'Severity',
      'Title',
      'Description',
      'Resources',
      'Workflow',
      'RecordState',
      'FindingProviderFields',
    ]) {
      assert.ok(key in finding, `${key} missing from ${finding.Id}`);
    }
  }
  const products = new Set(findings.map((f) => f.ProductName));
  assert.deepEqual(products, new Set(['GuardDuty', 'Macie', 'Inspector', 'Security Hub']));
  assert.ok(new Set(findings.map((f) => f.AwsAccountId)).size >= 2);
  assert.equal(findings.length, facts.counts.findings);
});
