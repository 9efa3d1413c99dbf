import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { classifyEvent } from '../../src/mapping/cloudtrail/class-selection.ts';
import { eventKind, OCSF_CLASSES } from '../../src/mapping/cloudtrail/ocsf-classes.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

interface SchemaClass {
  uid: number;
  caption: string;
  category_uid: number;
  attributes: { activity_id: { enum: Record<string, { caption: string }> } };
}

const schema = JSON.parse(readFileSync(join(SHARED, 'ocsf/ocsf-1.1.0.json'), 'utf8')) as {
  categories: Record<string, { uid: number; caption: string }>;
  classes: Record<string, SchemaClass>;
};

test('class, category and activity captions are the OCSF 1.1.0 schema captions', () => {
  for (const ocsfClass of OCSF_CLASSES) {
    const defined = Object.values(schema.classes).find((entry) => entry.uid === ocsfClass.uid);
    assert.ok(defined, `${ocsfClass.uid}`);
    assert.equal(ocsfClass.name, defined.caption);
    const category = Object.values(schema.categories).find((entry) => entry.uid === ocsfClass.categoryUid);
    assert.equal(defined.category_uid, ocsfClass.categoryUid);
    assert.equal(ocsfClass.categoryName, category?.caption);
    const activities = Object.entries(defined.attributes.activity_id.enum).filter(([id]) => id !== '0');
    assert.deepStrictEqual(
      Object.fromEntries(Object.entries(ocsfClass.activities)),
      Object.fromEntries(activities.map(([id, value]) => [id, value.caption])),
    );
    const kind = eventKind(ocsfClass, 99);
    assert.equal(kind.typeUid, ocsfClass.uid * 100 + 99);
    assert.equal(kind.typeName, `${defined.caption}: Other`);
  }
});

function classified(eventName: string, isDataEvent = false): string {
  const kind = classifyEvent(eventName, isDataEvent);
  return `${kind.typeUid} ${kind.typeName}`;
}

test('API Activity: AWS substring rule, first hit wins', () => {
  const expected: Record<string, string> = {
    GetObject: '600302 API Activity: Read',
    ListObjects: '600302 API Activity: Read',
    DescribeAddresses: '600302 API Activity: Read',
    PutObject: '600303 API Activity: Update',
    PutBucketPolicy: '600303 API Activity: Update',
    PutPublicAccessBlock: '600303 API Activity: Update',
    DeleteObjectTagging: '600303 API Activity: Update',
    DeleteObject: '600304 API Activity: Delete',
    TerminateInstances: '600304 API Activity: Delete',
    RunInstances: '600301 API Activity: Create',
    GenerateDataKey: '600301 API Activity: Create',
    CreateBucket: '600301 API Activity: Create',
    HeadObject: '600399 API Activity: Other',
    CopyObject: '600399 API Activity: Other',
    SelectObjectContent: '600399 API Activity: Other',
    Invoke: '600399 API Activity: Other',
    Decrypt: '600399 API Activity: Other',
    StopLogging: '600303 API Activity: Update',
  };
  for (const [eventName, kind] of Object.entries(expected)) assert.equal(classified(eventName), kind, eventName);
});

test('Account Change: the IAM identity changes, with OCSF activity ids', () => {
  const expected: Record<string, string> = {
    CreateUser: '300101 Account Change: Create',
    CreateAccessKey: '300101 Account Change: Create',
    EnableMFADevice: '300101 Account Change: Create',
    ChangePassword: '300103 Account Change: Password Change',
    AttachUserPolicy: '300107 Account Change: Attach Policy',
    PutUserPolicy: '300107 Account Change: Attach Policy',
    PutRolePolicy: '300107 Account Change: Attach Policy',
    AddUserToGroup: '300107 Account Change: Attach Policy',
    DetachRolePolicy: '300108 Account Change: Detach Policy',
    RemoveUserFromGroup: '300108 Account Change: Detach Policy',
    DeleteUser: '300106 Account Change: Delete',
    DeleteLoginProfile: '300106 Account Change: Delete',
    DeleteAccountAlias: '300199 Account Change: Other',
    DeleteServiceLinkedRole: '300199 Account Change: Other',
    UpdateAccessKey: '300199 Account Change: Other',
    TagUser: '300199 Account Change: Other',
  };
  for (const [eventName, kind] of Object.entries(expected)) assert.equal(classified(eventName), kind, eventName);
});

test('Authentication: sign-ins and role assumption are Logon; MFA checks are Other', () => {
  assert.equal(classified('ConsoleLogin'), '300201 Authentication: Logon');
  assert.equal(classified('AssumeRole'), '300201 Authentication: Logon');
  assert.equal(classified('AssumeRoleWithSAML'), '300201 Authentication: Logon');
  assert.equal(classified('AssumeRoleWithWebIdentity'), '300201 Authentication: Logon');
  assert.equal(classified('CheckMfa'), '300299 Authentication: Other');
});

test('data events are always API Activity, and names outside the lists too', () => {
  assert.equal(classified('CreateUser', true), '600301 API Activity: Create');
  assert.equal(classified('GetSessionToken'), '600302 API Activity: Read');
  assert.equal(classified('CreateGroup'), '600301 API Activity: Create');
});
