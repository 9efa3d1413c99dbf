// S3 calls as CloudTrail records them: bucket calls are management events, object calls are data
// events whose resources list the object first and the owning bucket second.

import type { ApiCall, JsonObject, TrailResource } from './cloudtrail-record-builder.ts';
import type { Bucket } from './organization.ts';
import type { SeededRandom } from './seeded-random.ts';

export type S3ObjectOperation = 'GetObject' | 'PutObject' | 'HeadObject' | 'DeleteObject';

/** SDKs fall back to path-style addressing for dotted bucket names, whose TLS names would not match. */
export function s3Host(bucketName: string, region: string): string {
  const endpoint = region === 'us-east-1' ? 's3.amazonaws.com' : `s3.${region}.amazonaws.com`;
  return bucketName.includes('.') ? endpoint : `${bucketName}.${endpoint}`;
}

function transferDetails(rng: SeededRandom, bytesIn: number, bytesOut: number): JsonObject {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': `${rng.alnum(75)}=`,
    bytesTransferredOut: bytesOut,
  };
}

function bucketResource(bucket: Bucket): TrailResource {
  return { accountId: bucket.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket.name}` };
}

export interface ObjectCallOptions {
  readonly size: number;
  /** Set on versioned buckets: the version written, read, or the delete marker created. */
  readonly versionId?: string;
}

export function s3ObjectCall(
  rng: SeededRandom,
  operation: S3ObjectOperation,
  bucket: Bucket,
  key: string,
  options: ObjectCallOptions,
): ApiCall {
  const host = s3Host(bucket.name, bucket.region);
  const { size, versionId } = options;
  const versioned = versionId === undefined ? {} : { 'x-amz-version-id': versionId };
  const responses: Record<S3ObjectOperation, JsonObject | null> = {
    GetObject: null,
    HeadObject: null,
    PutObject: { 'x-amz-server-side-encryption': 'AES256', ...versioned },
    // Deleting without a version id on a versioned bucket only lays a delete marker over the object.
    DeleteObject: versionId === undefined ? null : { 'x-amz-delete-marker': 'true', ...versioned },
  };
  const bytesIn = operation === 'PutObject' ? size : 0;
  const bytesOut = operation === 'GetObject' ? size : 0;
  return {
    eventSource: 's3.amazonaws.com',
    eventName: operation,
    readOnly: operation === 'GetObject' || operation === 'HeadObject',
    requestParameters: { bucketName: bucket.name, Host: host, key },
    responseElements: responses[operation],
    additionalEventData: transferDetails(rng, bytesIn, bytesOut),
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket.name}/${key}` }, bucketResource(bucket)],
    dataEvent: true,
    requestIdStyle: 's3',
    host,
  };
}

export function listObjects(rng: SeededRandom, bucket: Bucket, prefix: string): ApiCall {
  const host = s3Host(bucket.name, bucket.region);
  return {
    eventSource: 's3.amazonaws.com',
    eventName: 'ListObjects',
    readOnly: true,
    requestParameters: { bucketName: bucket.name, Host: host, prefix, 'list-type': '2' },
    additionalEventData: transferDetails(rng, 0, 0),
    resources: [bucketResource(bucket)],
    dataEvent: true,
    requestIdStyle: 's3',
    host,
  };
}

/** Bucket configuration reads and writes (GetBucketAcl, CreateBucket …) are management events. */
export function s3BucketCall(
  rng: SeededRandom,
  eventName: string,
  bucket: Bucket,
  extraParameters: JsonObject = {},
  subresource: string | null = null,
): ApiCall {
  const host = s3Host(bucket.name, bucket.region);
  return {
    eventSource: 's3.amazonaws.com',
    eventName,
    readOnly: /^(Get|List|Head)/.test(eventName),
    requestParameters: {
      bucketName: bucket.name,
      Host: host,
      ...(subresource === null ? {} : { [subresource]: '' }),
      ...extraParameters,
    },
    additionalEventData: transferDetails(rng, 0, 0),
    resources: [bucketResource(bucket)],
    requestIdStyle: 's3',
    host,
  };
}

export function createBucket(rng: SeededRandom, bucket: Bucket): ApiCall {
  const location = {
    CreateBucketConfiguration: { LocationConstraint: bucket.region, xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
  };
  return s3BucketCall(rng, 'CreateBucket', bucket, location);
}

/** ListBuckets names no bucket, so it has no resources and goes to the global endpoint. */
export function listBuckets(rng: SeededRandom): ApiCall {
  return {
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    readOnly: true,
    requestParameters: { Host: 's3.amazonaws.com' },
    additionalEventData: transferDetails(rng, 0, 0),
    requestIdStyle: 's3',
    host: 's3.amazonaws.com',
  };
}
