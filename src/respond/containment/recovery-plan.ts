// Recovery after the S3 data-access playbook: every object the principal (or what it created) deleted or
// overwrote, and how to get it back from S3 versioning — remove the delete marker to undelete, copy the
// prior version over an overwrite — each with the command that checks the result.

import {
  type ActivityEvent,
  activityTable,
  dataString,
  type EventRef,
  eventRef,
  type InvestigationScope,
  sqlList,
} from '../investigation/index.ts';
import type { AwsCall } from './aws-call.ts';
import { awsCli } from './aws-cli-text.ts';
import { viaCalls } from './plan-step.ts';

export type RecoveryAction = 'remove-delete-marker' | 'restore-prior-version' | 'not-recoverable-from-s3';

export interface RecoveryItem {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly action: RecoveryAction;
  /** The delete marker to remove, or the version to copy back; null when the log does not say. */
  readonly versionId: string | null;
  readonly proof: EventRef;
  readonly commands: readonly string[];
  /** The commands as data for `contain --execute`; empty when a person must choose the version. */
  readonly calls: readonly AwsCall[];
  readonly check: string;
  readonly note: string;
}

const MAX_OVERWRITE_CHECKS = 2_000;
const objectOf = (e: ActivityEvent) => ({
  bucket: dataString(e.request, 'bucketName') ?? '',
  key: dataString(e.request, 'key') ?? '',
});
const listCheck = (bucket: string, key: string, region: string) =>
  awsCli('s3api list-object-versions', ['--bucket', bucket], ['--prefix', key], ['--region', region]);

interface EarlierWrite {
  readonly path: string;
  readonly time: number;
  readonly versionId: string | null;
}

function deletion(event: ActivityEvent): RecoveryItem {
  const { bucket, key } = objectOf(event);
  const base = {
    bucket,
    key,
    region: event.region,
    proof: eventRef(event),
    check: listCheck(bucket, key, event.region),
  };
  const deletedVersion = dataString(event.request, 'versionId');
  const marker = dataString(event.response, 'x-amz-delete-marker') === 'true';
  const markerId = dataString(event.response, 'x-amz-version-id');
  if (deletedVersion === null && marker && markerId !== null) {
    return {
      ...base,
      action: 'remove-delete-marker',
      versionId: markerId,
      ...viaCalls({
        service: 's3',
        operation: 'DeleteObject',
        params: { Bucket: bucket, Key: key, VersionId: markerId },
        region: event.region,
      }),
      note: 'Deleting the delete marker (only that version id) makes the previous version current again; no data is removed.',
    };
  }
  const why =
    deletedVersion === null ? 'the bucket was not versioned' : `version ${deletedVersion} was deleted permanently`;
  return {
    ...base,
    action: 'not-recoverable-from-s3',
    versionId: deletedVersion,
    commands: [],
    calls: [],
    note: `${why}: restore from a replica (CRR), AWS Backup, another storage class or an off-account copy.`,
  };
}

/** Earlier successful calls on the objects it wrote, by anyone: a write to a key seen before is an overwrite. */
async function earlierCalls(scope: InvestigationScope, puts: readonly ActivityEvent[]): Promise<EarlierWrite[]> {
  const paths = [...new Set(puts.map((e) => `${objectOf(e).bucket}/${objectOf(e).key}`))].slice(
    0,
    MAX_OVERWRITE_CHECKS,
  );
  if (paths.length === 0) return [];
  const last = Math.max(...puts.map((e) => e.time));
  // Data events on an object are recorded in the bucket owner's account, as the writes were.
  const accounts = [...new Set(puts.map((e) => e.accountId))];
  const result = await scope.engine.run(`SELECT json_extract_scalar(api.request.data, '$.bucketName') || '/' ||
  json_extract_scalar(api.request.data, '$.key') AS path, time,
  api.response.data
FROM ${activityTable(scope, 's3_data')}
WHERE json_extract_scalar(api.request.data, '$.bucketName') || '/' || json_extract_scalar(api.request.data, '$.key') IN (${sqlList(paths)})
  AND time < ${last} AND status = 'Success' AND accountid IN (${sqlList(accounts)})
ORDER BY time`);
  // The version header's name is not a plain JSON path in both dialects, so the response is read here.
  return result.rows.map(([path, time, response]) => ({
    path: String(path),
    time: Number(time),
    versionId: typeof response === 'string' ? (/"x-amz-version-id":"([^"]+)"/.exec(response)?.[1] ?? null) : null,
  }));
}

function overwrite(event: ActivityEvent, before: readonly EarlierWrite[]): RecoveryItem {
  const { bucket, key } = objectOf(event);
  const versionId = before.filter((e) => e.versionId !== null).at(-1)?.versionId ?? null;
  const source = `${bucket}/${encodeURIComponent(key).replaceAll('%2F', '/')}?versionId=${versionId ?? '<prior-version-id>'}`;
  const copy = viaCalls({
    service: 's3',
    operation: 'CopyObject',
    params: { Bucket: bucket, Key: key, CopySource: source },
    region: event.region,
  });
  return {
    bucket,
    key,
    region: event.region,
    action: 'restore-prior-version',
    versionId,
    proof: eventRef(event),
    // Without the prior version's id the command is a template for a person, never something to send.
    ...(versionId === null ? { ...copy, calls: [] } : copy),
    check: listCheck(bucket, key, event.region),
    note:
      versionId === null
        ? `overwritten at ${new Date(event.time).toISOString()}; take the version before that time from list-object-versions.`
        : 'Copies the version before the overwrite back as the current one; the attacker’s version stays as evidence.',
  };
}

export async function recoveryPlan(
  scope: InvestigationScope,
  events: readonly ActivityEvent[],
): Promise<RecoveryItem[]> {
  const done = events.filter((e) => e.succeeded && e.source === 's3_data');
  const deletions = done.filter((e) => e.operation === 'DeleteObject').map(deletion);
  const puts = done.filter((e) => e.operation === 'PutObject' || e.operation === 'CopyObject');
  const history = await earlierCalls(scope, puts);
  const overwrites = puts.flatMap((put) => {
    const { bucket, key } = objectOf(put);
    const before = history.filter((h) => h.time < put.time && h.path === `${bucket}/${key}`);
    return before.length === 0 ? [] : [overwrite(put, before)];
  });
  return [...deletions, ...overwrites].sort((a, b) => a.proof.time.localeCompare(b.proof.time));
}
