// Calls to regional services (EC2, Lambda, KMS, CloudFormation …) in CloudTrail's shapes.

import { type ApiCall, type JsonObject, regionalHost } from './cloudtrail-record-builder.ts';
import type { LambdaFunction } from './organization.ts';

/** A regional call to `<service>.amazonaws.com`; reads are recognised by their verb. */
export function regionalCall(
  service: string,
  eventName: string,
  region: string,
  requestParameters: JsonObject | null,
  responseElements: JsonObject | null = null,
): ApiCall {
  return {
    eventSource: `${service}.amazonaws.com`,
    eventName,
    readOnly: /^(Describe|Get|List|Lookup|Search)/.test(eventName),
    requestParameters,
    responseElements,
    host: regionalHost(service, region),
  };
}

export function runInstances(region: string, imageId: string, instanceType: string, count: number): ApiCall {
  return regionalCall('ec2', 'RunInstances', region, {
    instancesSet: { items: [{ imageId, minCount: count, maxCount: count }] },
    instanceType,
    blockDeviceMapping: {},
    monitoring: { enabled: false },
    disableApiTermination: false,
    disableApiStop: false,
  });
}

/** Lambda Invoke is a data event naming the function in resources; services invoke from inside AWS. */
export function invokeFunction(
  fn: LambdaFunction,
  accountId: string,
  invocationType: string,
  viaService: boolean,
): ApiCall {
  return {
    eventSource: 'lambda.amazonaws.com',
    eventName: 'Invoke',
    readOnly: false,
    requestParameters: { functionName: fn.arn, invocationType },
    additionalEventData: { functionVersion: `${fn.arn}:$LATEST` },
    resources: [{ accountId, type: 'AWS::Lambda::Function', ARN: fn.arn }],
    dataEvent: true,
    host: viaService ? null : regionalHost('lambda', fn.region),
  };
}

/** KMS called by S3 for an SSE-KMS object on the caller's behalf: made inside AWS, so no host. */
export function kmsForS3Object(eventName: 'Decrypt' | 'GenerateDataKey', keyArn: string, objectArn: string): ApiCall {
  return {
    eventSource: 'kms.amazonaws.com',
    eventName,
    readOnly: true,
    requestParameters: {
      encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      ...(eventName === 'GenerateDataKey' ? { keyId: keyArn, keySpec: 'AES_256' } : {}),
      encryptionContext: { 'aws:s3:arn': objectArn },
    },
    resources: [{ accountId: keyArn.split(':')[4] ?? '', type: 'AWS::KMS::Key', ARN: keyArn }],
    host: null,
  };
}
