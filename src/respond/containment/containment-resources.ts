// The bucket half of the containment plan: buckets the principal created are locked down, buckets whose
// data it read or deleted get their configuration saved first. Instances are in instance-containment.ts.

import { dataString, eventRef } from '../investigation/index.ts';
import { type AwsCall, kebabCase } from './aws-call.ts';
import { BLOCK_ALL_PUBLIC_ACCESS, ownAccountOnly } from './aws-cli-text.ts';
import { type PlanInput, type PlanStep, viaCalls } from './plan-step.ts';

const DATA_ACCESS = new Set(['GetObject', 'DeleteObject', 'DeleteObjects', 'CopyObject', 'SelectObjectContent']);

export function bucketSteps({ allEvents, created }: PlanInput): PlanStep[] {
  const createdBuckets = created.filter((c) => c.kind === 'bucket');
  const lockDown = createdBuckets.map((bucket): PlanStep => {
    const b = bucket.id;
    return {
      action: 'lock-down-bucket',
      target: b,
      why: `created by ${bucket.createdBy} at ${bucket.proof.time} in ${bucket.detail ?? bucket.proof.region}: an attacker's bucket can serve or receive data`,
      evidence: [bucket.proof],
      ...viaCalls(
        { service: 's3', operation: 'GetBucketPolicy', params: { Bucket: b }, saveAs: `${b}-policy-before.json` },
        {
          service: 's3',
          operation: 'PutPublicAccessBlock',
          params: { Bucket: b, PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS },
        },
        {
          service: 's3',
          operation: 'PutBucketPolicy',
          params: { Bucket: b, Policy: ownAccountOnly(b, bucket.proof.accountId) },
        },
      ),
      wontUndo:
        'Replaces the bucket policy (saved first); data already copied out stays out; the bucket and its objects are kept as evidence.',
    };
  });
  const accessed = new Map<string, PlanInput['allEvents'][number][]>();
  for (const event of allEvents.filter((e) => e.succeeded && DATA_ACCESS.has(e.operation))) {
    const bucket = dataString(event.request, 'bucketName');
    if (bucket !== null && !createdBuckets.some((c) => c.id === bucket)) {
      accessed.set(bucket, [...(accessed.get(bucket) ?? []), event]);
    }
  }
  const preserve = [...accessed.entries()].map(
    ([b, events]): PlanStep => ({
      action: 'preserve-bucket-configuration',
      target: b,
      why: `objects were read or deleted: ${[...new Set(events.map((e) => e.operation))].join(', ')} × ${events.length}; keep its configuration before anyone changes it`,
      evidence: events.slice(0, 6).map(eventRef),
      ...viaCalls(
        ...['GetBucketPolicy', 'GetBucketAcl', 'GetPublicAccessBlock', 'GetBucketVersioning'].map(
          (operation): AwsCall => ({
            service: 's3',
            operation,
            params: { Bucket: b },
            saveAs: `${b}-${kebabCase(operation.slice(3))}.json`,
          }),
        ),
      ),
      wontUndo: 'Only reads: the bucket stays as it is; its objects are restored by the recovery plan.',
    }),
  );
  return [...lockDown, ...preserve];
}
