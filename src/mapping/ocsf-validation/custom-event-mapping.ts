// An event of a custom source is already OCSF: it is checked, not mapped. It must pass the OCSF rules, be of
// the class the source was registered for, and say (or default to) the account and region it is filed under.
// Its one change is to its datetimes, which become UTC timestamps (`time_dt` derived from `time` when absent).

import { isRegionName } from '../partition-names.ts';
import { type OcsfIssue, validateOcsfEvent } from './ocsf-event-validator.ts';
import type { OcsfSchema } from './ocsf-schema.ts';
import { classEntity } from './ocsf-value-walk.ts';
import { withUtcDatetimes } from './utc-datetimes.ts';

export interface CustomSourceSpec {
  readonly name: string;
  readonly classUid: number;
  readonly className: string;
  /** Used when an event has no `cloud.region` / `cloud.account.uid`. */
  readonly region: string | null;
  readonly accountId: string | null;
}

export interface CustomPartition {
  readonly region: string;
  readonly accountId: string;
  /** `YYYYMMDD`, the UTC day of `time`. */
  readonly eventDay: string;
}

export type CustomEventOutcome =
  | {
      readonly ok: true;
      readonly event: Record<string, unknown>;
      readonly partition: CustomPartition;
      readonly key: string | null;
    }
  | { readonly ok: false; readonly reason: string };

const SHOWN_ISSUES = 10;
/** Security Lake's rule: an AWS account id, or `external` / `external_<id>` for accounts outside AWS. */
const ACCOUNT = /^(\d{12}|external(_[A-Za-z0-9.-]+)?)$/;

export function checkCustomEvent(
  schema: OcsfSchema,
  source: CustomSourceSpec,
  event: Record<string, unknown>,
): CustomEventOutcome {
  const issues: string[] = validateOcsfEvent(schema, event).map(describeIssue);
  if (typeof event.class_uid === 'number' && event.class_uid !== source.classUid) {
    const name = schema.classByUid.get(event.class_uid) ?? 'unknown';
    issues.unshift(
      `wrong_class class_uid: ${event.class_uid} (${name}) is not the class of source ${source.name}, ${source.className} (${source.classUid})`,
    );
  }
  if (issues.length > 0) {
    const more = issues.length > SHOWN_ISSUES ? `; and ${issues.length - SHOWN_ISSUES} more` : '';
    return { ok: false, reason: `not valid OCSF: ${issues.slice(0, SHOWN_ISSUES).join('; ')}${more}` };
  }
  const cloud = asObject(event.cloud);
  const region = textOf(cloud.region) ?? source.region;
  const accountId = textOf(asObject(cloud.account).uid) ?? source.accountId;
  const time = new Date(event.time as number);
  if (region === null) return reject('no region: the event has no cloud.region and the source no default region');
  if (accountId === null) {
    return reject('no account: the event has no cloud.account.uid and the source no default account');
  }
  const problem = partitionProblem({ region, accountId });
  if (problem !== null) return reject(problem);
  if (Number.isNaN(time.getTime())) return reject(`time ${String(event.time)} is not a date`);
  // Validation has refused a class the schema does not have; the check is for the type system.
  const cls = classEntity(schema, event.class_uid);
  if (cls === undefined) return reject(`class_uid ${String(event.class_uid)} is not in the schema`);
  const utc = withUtcDatetimes(schema, cls, event);
  if ('reason' in utc) return reject(utc.reason);
  const eventDay = time.toISOString().slice(0, 10).replaceAll('-', '');
  const key = textOf(asObject(event.metadata).uid);
  return { ok: true, event: utc.event, partition: { region, accountId, eventDay }, key };
}

/** Why a region or account cannot name a partition folder, or null when both can (or are not given). */
export function partitionProblem(given: { region: string | null; accountId: string | null }): string | null {
  if (given.region !== null && !isRegionName(given.region)) {
    return `region "${given.region}" cannot name a partition (lowercase letters, digits, -)`;
  }
  if (given.accountId !== null && !ACCOUNT.test(given.accountId)) {
    return `account "${given.accountId}" is neither a 12-digit AWS account id nor external or external_<id>`;
  }
  return null;
}

function describeIssue(issue: OcsfIssue): string {
  return `${issue.kind} ${issue.path || '<event>'}: ${issue.message}`;
}

function reject(reason: string): CustomEventOutcome {
  return { ok: false, reason };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
