// ASFF `Resources` from a GuardDuty finding's `resource`, as GuardDuty writes them to Security Hub: the access
// key (`AwsIamAccessKey`, `AWS::IAM::AccessKey:<id>`), the instance (`AwsEc2Instance`, its ARN) and the buckets
// (`AwsS3Bucket`, their ARNs). The finding's own `resourceType` comes first (an S3 finding's bucket is
// `resources[1]`, the caller's key after it), then the others in the order of GuardDuty's Resource model.
// Any other resource (EKS, ECS, Lambda, RDS, attack sequences) is kept whole as an `Other` resource, and a
// finding with no resource at all (trimmed test data) names its account: ASFF requires a resource.

import { compact, type Struct, withoutAbsent } from '../securityhub/struct-compaction.ts';
import type { NativeReader } from './guardduty-native-finding.ts';
import { flattenFields } from './guardduty-product-fields.ts';

/** Where the finding was made: every resource is in the finding's partition and Region. */
export interface FindingScope {
  readonly partition: string;
  readonly region: string | undefined;
  readonly account: string;
}

export function asffResources(finding: NativeReader, scope: FindingScope): Struct[] {
  const resource = finding.object('resource');
  const located = (struct: Struct) => withoutAbsent({ ...struct, Partition: scope.partition, Region: scope.region });
  const byType: Readonly<Record<string, (Struct | undefined)[]>> = {
    AccessKey: [accessKey(resource?.object('accessKeyDetails'))],
    Instance: [instance(resource?.object('instanceDetails'), scope)],
    S3Bucket: (resource?.objects('s3BucketDetails') ?? []).map((bucket) => s3Bucket(bucket, scope)),
  };
  const primary = resource?.text('resourceType') ?? '';
  const known = [
    ...(byType[primary] ?? []),
    ...Object.entries(byType).flatMap(([type, list]) => (type === primary ? [] : list)),
  ].filter((item): item is Struct => item !== undefined);
  if (known.length > 0) return known.map(located);
  const other = resource === undefined ? undefined : flattenFields(resource.raw(), '');
  if (other === undefined) return [located({ Type: 'AwsAccount', Id: `AWS::::Account:${scope.account}` })];
  const arn = Object.values(other).find((value) => value.startsWith('arn:'));
  return [located({ Type: 'Other', Id: arn ?? `AWS::::Account:${scope.account}`, Details: { Other: other } })];
}

// ASFF's `UserName` is deprecated for `PrincipalName`, which is what GuardDuty fills.
function accessKey(key: NativeReader | undefined): Struct | undefined {
  const id = key?.text('accessKeyId');
  if (key === undefined || id === undefined) return undefined;
  const details = compact({
    PrincipalId: key.text('principalId'),
    PrincipalName: key.text('userName'),
    PrincipalType: key.text('userType'),
  });
  return compact({
    Type: 'AwsIamAccessKey',
    Id: `AWS::IAM::AccessKey:${id}`,
    Details: details === undefined ? undefined : { AwsIamAccessKey: details },
  });
}

function instance(details: NativeReader | undefined, scope: FindingScope): Struct | undefined {
  const id = details?.text('instanceId');
  if (details === undefined || id === undefined) return undefined;
  const interfaces = details.objects('networkInterfaces');
  // Public addresses first, then private ones, as GuardDuty lists them.
  const ipv4 = interfaces.flatMap((nic) => [
    nic.text('publicIp'),
    ...nic.objects('privateIpAddresses').map((address) => address.text('privateIpAddress')),
    nic.text('privateIpAddress'),
  ]);
  const ipv6 = interfaces.flatMap((nic) => texts(nic.raw('ipv6Addresses')));
  const [first] = interfaces;
  const ec2 = compact({
    Type: details.text('instanceType'),
    ImageId: details.text('imageId'),
    IpV4Addresses: distinct(ipv4),
    IpV6Addresses: distinct(ipv6),
    VpcId: first?.text('vpcId'),
    SubnetId: first?.text('subnetId'),
    IamInstanceProfileArn: details.text('iamInstanceProfile', 'arn'),
    LaunchedAt: details.text('launchTime'),
  });
  return withoutAbsent({
    Type: 'AwsEc2Instance',
    Id: `arn:${scope.partition}:ec2:${scope.region ?? ''}:${scope.account}:instance/${id}`,
    Tags: tags(details),
    Details: ec2 === undefined ? undefined : { AwsEc2Instance: ec2 },
  });
}

function s3Bucket(bucket: NativeReader, scope: FindingScope): Struct | undefined {
  const name = bucket.text('name');
  const arn = bucket.text('arn') ?? (name === undefined ? undefined : `arn:${scope.partition}:s3:::${name}`);
  if (arn === undefined) return undefined;
  const encryption = compact({
    SSEAlgorithm: bucket.text('defaultServerSideEncryption', 'encryptionType'),
    KMSMasterKeyID: bucket.text('defaultServerSideEncryption', 'kmsMasterKeyArn'),
  });
  const details = compact({
    OwnerId: bucket.text('owner', 'id'),
    CreatedAt: bucket.text('createdAt'),
    ServerSideEncryptionConfiguration:
      encryption === undefined ? undefined : { Rules: [{ ApplyServerSideEncryptionByDefault: encryption }] },
  });
  return withoutAbsent({
    Type: 'AwsS3Bucket',
    Id: arn,
    Tags: tags(bucket),
    Details: details === undefined ? undefined : { AwsS3Bucket: details },
  });
}

/** GuardDuty's `[{key, value}]` tags as ASFF's `{key: value}` map. */
function tags(resource: NativeReader): Record<string, string> | undefined {
  const entries = resource.objects('tags').flatMap((tag) => {
    const key = tag.text('key');
    return key === undefined ? [] : [[key, tag.text('value') ?? ''] as const];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function texts(value: unknown): (string | undefined)[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : undefined)) : [];
}

function distinct(values: readonly (string | undefined)[]): string[] | undefined {
  const present = [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))];
  return present.length > 0 ? present : undefined;
}
