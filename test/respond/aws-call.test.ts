// A plan's calls as data, printed as the AWS CLI command a responder would paste: golden, call by call.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliCommand, isDeleting } from '../../src/respond/containment/aws-call.ts';
import { BLOCK_ALL_PUBLIC_ACCESS } from '../../src/respond/containment/aws-cli-text.ts';

test('prints each call as its AWS CLI command: options in order, shorthand structures, region, profile and saved answer', () => {
  const cases: [Parameters<typeof cliCommand>[0], string][] = [
    [
      {
        service: 'iam',
        operation: 'UpdateAccessKey',
        params: { UserName: 'svc', AccessKeyId: 'AKIA1', Status: 'Inactive' },
      },
      'aws iam update-access-key --user-name svc --access-key-id AKIA1 --status Inactive',
    ],
    [
      {
        service: 's3',
        operation: 'PutPublicAccessBlock',
        params: { Bucket: 'b', PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS },
      },
      'aws s3api put-public-access-block --bucket b --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    ],
    [
      { service: 's3', operation: 'GetBucketAcl', params: { Bucket: 'b' }, saveAs: 'b-bucket-acl.json' },
      'aws s3api get-bucket-acl --bucket b > b-bucket-acl.json',
    ],
    [
      {
        service: 's3',
        operation: 'CopyObject',
        params: { Bucket: 'b', Key: 'a b.csv', CopySource: 'b/a%20b.csv?versionId=v1' },
        region: 'us-west-2',
      },
      "aws s3api copy-object --bucket b --key 'a b.csv' --copy-source 'b/a%20b.csv?versionId=v1' --region us-west-2",
    ],
    [
      {
        service: 'iam',
        operation: 'ListAccessKeys',
        params: { UserName: 'alice' },
        profile: 'incident a',
        saveAs: 'keys.json',
      },
      "aws iam list-access-keys --user-name alice --profile 'incident a' > keys.json",
    ],
    [
      {
        service: 'ec2',
        operation: 'ModifyInstanceAttribute',
        params: { InstanceId: 'i-1', DisableApiTermination: { Value: false } },
      },
      'aws ec2 modify-instance-attribute --instance-id i-1 --no-disable-api-termination',
    ],
    [
      {
        service: 'ec2',
        operation: 'RevokeSecurityGroupEgress',
        params: {
          GroupId: { runTimeValue: 'sg-id', from: 'CreateSecurityGroup', path: 'GroupId' },
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8' }] }],
        },
      },
      "aws ec2 revoke-security-group-egress --group-id '<sg-id from create-security-group>' --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0},{CidrIp=10.0.0.0/8}]'",
    ],
    [
      {
        service: 'ec2',
        operation: 'CreateTags',
        params: { Resources: ['i-1', 'vol-2'], Tags: [{ Key: 'a b', Value: 'c' }] },
      },
      "aws ec2 create-tags --resources i-1 vol-2 --tags 'Key=a b,Value=c'",
    ],
  ];
  for (const [call, expected] of cases) assert.equal(cliCommand(call), expected);
});

test('knows which operations delete', () => {
  const deleting = [
    'DeleteObject',
    'DeleteLoginProfile',
    'DetachUserPolicy',
    'RemoveUserFromGroup',
    'TerminateInstances',
  ];
  const keeping = ['UpdateAccessKey', 'PutUserPolicy', 'PutBucketPolicy', 'CopyObject', 'ListObjectVersions'];
  assert.deepEqual(
    deleting.map(isDeleting),
    deleting.map(() => true),
  );
  assert.deepEqual(
    keeping.map(isDeleting),
    keeping.map(() => false),
  );
});
