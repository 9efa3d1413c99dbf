// What `contain --execute` refuses to send. Nothing that deletes runs, whatever the plan says, with one
// exception asked for by name: `--include-recovery` may remove an S3 delete marker, which restores the
// object. Even then the version is first looked up, and only a version that is a delete marker is removed.

import { type AwsCall, isDeleting } from './aws-call.ts';
import type { StepOrigin } from './executable-steps.ts';

export interface GuardOptions {
  readonly includeRecovery: boolean;
}

/** Why the call must not be sent, or undefined when it may be (a restore still needs `deleteMarkerCheck`). */
export function refusal(origin: StepOrigin, call: AwsCall, options: GuardOptions): string | undefined {
  if (!isDeleting(call.operation)) return undefined;
  if (isRestore(origin, call) && options.includeRecovery) return undefined;
  const restoreHint = isRestore(origin, call) ? ' (removing a delete marker needs --include-recovery)' : '';
  return `refused: ${call.operation} deletes, and tarn contain --execute never deletes${restoreHint}`;
}

/** A recovery step removing one version by its id: the one deleting call that restores. */
export function isRestore(origin: StepOrigin, call: AwsCall): boolean {
  return (
    origin === 'recovery' &&
    call.service === 's3' &&
    call.operation === 'DeleteObject' &&
    typeof call.params.VersionId === 'string' &&
    call.params.VersionId !== ''
  );
}

/** The listing that shows whether the version a restore removes is a delete marker. */
export function deleteMarkerCheck(call: AwsCall): AwsCall {
  return {
    service: 's3',
    operation: 'ListObjectVersions',
    params: { Bucket: call.params.Bucket, Prefix: call.params.Key },
    ...(call.region === undefined ? {} : { region: call.region }),
  };
}

interface VersionListing {
  readonly DeleteMarkers?: readonly { readonly Key?: string; readonly VersionId?: string }[];
  readonly Versions?: readonly { readonly Key?: string; readonly VersionId?: string }[];
}

/** Why the listing does not allow the restore, or undefined when the version is a delete marker of the key. */
export function markerProblem(call: AwsCall, listing: unknown): string | undefined {
  const { DeleteMarkers = [], Versions = [] } = (listing ?? {}) as VersionListing;
  const same = (v: { Key?: string; VersionId?: string }) =>
    v.Key === call.params.Key && v.VersionId === call.params.VersionId;
  if (DeleteMarkers.some(same)) return undefined;
  const what = Versions.some(same) ? 'is an object version with data, not a delete marker' : 'was not found';
  return `refused: version ${String(call.params.VersionId)} of s3://${String(call.params.Bucket)}/${String(call.params.Key)} ${what}`;
}
