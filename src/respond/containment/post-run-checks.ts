// The read-only checks after `contain --execute`: for each key it deactivated, ListAccessKeys shows whether
// the key is Inactive now; for each object it restored, ListObjectVersions shows whether the current version
// is the prior one. They run as steps of their own, logged like every other call, and end in one verdict each.

import type { AwsCall } from './aws-call.ts';
import type { ExecutableStep } from './executable-steps.ts';
import { isRestore } from './execution-guard.ts';
import { type CallResult, type ExecutionOptions, executePlan, type StepResult } from './plan-execution.ts';

export interface CheckVerdict {
  /** The step whose effect is checked. */
  readonly step: number;
  readonly target: string;
  readonly expected: string;
  /** Null when the check itself could not be run. */
  readonly holds: boolean | null;
  readonly found: string;
}

interface PostRunCheck {
  readonly step: number;
  readonly target: string;
  readonly expected: string;
  readonly call: AwsCall;
  readonly judge: (output: unknown) => Pick<CheckVerdict, 'holds' | 'found'>;
}

interface ListedVersion {
  readonly Key?: string;
  readonly VersionId?: string;
  readonly IsLatest?: boolean;
  readonly ETag?: string;
}
interface VersionListing {
  readonly Versions?: readonly ListedVersion[];
  readonly DeleteMarkers?: readonly ListedVersion[];
}

const text = (value: unknown) => String(value ?? '');
const profileOf = ({ profile }: AwsCall) => (profile === undefined ? {} : { profile });

function keyCheck(step: number, call: AwsCall): PostRunCheck {
  const user = text(call.params.UserName);
  const key = text(call.params.AccessKeyId);
  return {
    step,
    target: `${user} ${key}`,
    expected: `access key ${key} is Inactive`,
    // With the deactivation's own credentials: the key may be in another account than the investigated one.
    call: { service: 'iam', operation: 'ListAccessKeys', params: { UserName: user }, ...profileOf(call) },
    judge: (output) => {
      const listed = (output as { AccessKeyMetadata?: { AccessKeyId?: string; Status?: string }[] } | null)
        ?.AccessKeyMetadata;
      const status = listed?.find((k) => k.AccessKeyId === key)?.Status;
      return { holds: status === 'Inactive', found: `${key} is ${status ?? `not listed for ${user}`}` };
    },
  };
}

/** Whether the key's current version, in a fresh listing, is the one the restore should have made current. */
function objectCheck(
  step: number,
  call: AwsCall,
  expected: string,
  matches: (current: ListedVersion, listing: VersionListing) => boolean,
): PostRunCheck {
  const key = text(call.params.Key);
  return {
    step,
    target: `s3://${text(call.params.Bucket)}/${key}`,
    expected,
    call: { ...call, operation: 'ListObjectVersions', params: { Bucket: call.params.Bucket, Prefix: key } },
    judge: (output) => {
      const listing = (output ?? {}) as VersionListing;
      const latest = (v: ListedVersion) => v.Key === key && v.IsLatest === true;
      const data = listing.Versions?.find(latest);
      const marker = listing.DeleteMarkers?.find(latest);
      if (data === undefined) {
        return {
          holds: false,
          found: marker ? `a delete marker (${text(marker.VersionId)}) is current` : 'no version',
        };
      }
      const found = `version ${text(data.VersionId)} is current${data.ETag ? ` (ETag ${data.ETag})` : ''}`;
      return { holds: matches(data, listing), found };
    },
  };
}

/** The newest data version of the key in the listing made before the restore: the one under the marker. */
function underMarker(calls: readonly CallResult[], key: string): string | undefined {
  const listing = calls.find((c) => c.status === 'ok' && c.call.operation === 'ListObjectVersions');
  const versions = listing?.status === 'ok' ? (listing.answer.output as VersionListing | null)?.Versions : undefined;
  return versions?.find((v) => v.Key === key)?.VersionId;
}

function checksOf(result: StepResult, { call }: CallResult): PostRunCheck[] {
  if (call.operation === 'UpdateAccessKey') return [keyCheck(result.step, call)];
  if (isRestore(result.origin, call)) {
    const prior = underMarker(result.calls, text(call.params.Key));
    const expected = `version ${prior ?? '(the one under the delete marker)'} is current`;
    return [objectCheck(result.step, call, expected, (current) => prior === undefined || current.VersionId === prior)];
  }
  if (result.origin === 'recovery' && call.operation === 'CopyObject') {
    const source = new URLSearchParams(text(call.params.CopySource).split('?')[1]).get('versionId') ?? '';
    const same = (current: ListedVersion, listing: VersionListing) =>
      current.ETag !== undefined && listing.Versions?.find((v) => v.VersionId === source)?.ETag === current.ETag;
    return [objectCheck(result.step, call, `the current version has the bytes of version ${source}`, same)];
  }
  return [];
}

/** Runs a check for every deactivation and restore that was sent (ok or failed), after the other steps. */
export async function runChecks(
  results: readonly StepResult[],
  options: Omit<ExecutionOptions, 'firstStep' | 'continueOnError'>,
): Promise<CheckVerdict[]> {
  const checks = results.flatMap((result) =>
    result.calls.filter((c) => c.status !== 'skipped').flatMap((c) => checksOf(result, c)),
  );
  const steps = checks.map(
    (check): ExecutableStep => ({ origin: 'check', action: 'check', target: check.target, calls: [check.call] }),
  );
  const ran = await executePlan(steps, { ...options, continueOnError: true, firstStep: results.length + 1 });
  return checks.map((check, i): CheckVerdict => {
    const { step, target, expected } = check;
    const answer = ran[i]?.calls.at(-1);
    if (answer?.status === 'ok') return { step, target, expected, ...check.judge(answer.answer.output) };
    const why = answer?.status === 'failed' ? `${answer.error.code}: ${answer.error.message}` : answer?.reason;
    return { step, target, expected, holds: null, found: `not checked (${why ?? 'no answer'})` };
  });
}
