// What a principal created — users, access keys, login profiles, policy attachments, roles, buckets,
// instances, role sessions — read from the responses of its successful calls, then followed: what each
// created principal did in turn, and what it created, down to the end of the chain.

import {
  type ActivityEvent,
  dataString,
  type EventBatch,
  type EventRef,
  eventRef,
  type PrincipalFilter,
} from './activity-events.ts';
import { instanceIds, type OperationSummary, summariseOperations } from './activity-summary.ts';

export type CreatedKind =
  | 'user'
  | 'access-key'
  | 'login-profile'
  | 'policy-attachment'
  | 'role'
  | 'bucket'
  | 'instance'
  | 'session';

export interface CreatedItem {
  readonly kind: CreatedKind;
  /** User, role or bucket name, key id, policy ARN or name, instance id, session ARN. */
  readonly id: string;
  readonly arn: string | null;
  /** The user or role a key, login profile or policy belongs to; the role a session is of. */
  readonly owner: string | null;
  /** What else the proof says: a role's trusted principals, a bucket's region. */
  readonly detail: string | null;
  /** The ARN of the principal whose call created it. */
  readonly createdBy: string;
  readonly proof: EventRef;
  /** For users, roles, sessions and keys of users outside the tree: what they did in turn. */
  readonly then: PrincipalActivity | null;
}

export interface PrincipalActivity {
  readonly eventCount: number;
  readonly truncated: boolean;
  readonly operations: readonly OperationSummary[];
  readonly created: readonly CreatedItem[];
}

type Found = Omit<CreatedItem, 'createdBy' | 'proof' | 'then'>;
const MAX_DEPTH = 8;

function found(event: ActivityEvent): Found[] {
  const { request: req, response: res } = event;
  const userName = dataString(req, 'userName');
  const roleName = dataString(req, 'roleName');
  switch (event.operation) {
    case 'CreateUser': {
      const name = dataString(res, 'user.userName') ?? userName;
      const arn = dataString(res, 'user.arn') ?? (name && `arn:aws:iam::${event.accountId}:user/${name}`);
      return name === null ? [] : [{ kind: 'user', id: name, arn, owner: null, detail: null }];
    }
    case 'CreateAccessKey': {
      const key = dataString(res, 'accessKey.accessKeyId');
      const owner = dataString(res, 'accessKey.userName') ?? userName ?? event.actorName;
      return key === null ? [] : [{ kind: 'access-key', id: key, arn: null, owner, detail: null }];
    }
    case 'CreateLoginProfile':
      return [
        { kind: 'login-profile', id: userName ?? event.actorName ?? '', arn: null, owner: userName, detail: null },
      ];
    case 'AttachUserPolicy':
    case 'AttachRolePolicy':
    case 'AttachGroupPolicy':
    case 'PutUserPolicy':
    case 'PutRolePolicy':
    case 'PutGroupPolicy': {
      const policy = dataString(req, 'policyArn') ?? dataString(req, 'policyName');
      const owner = userName ?? roleName ?? dataString(req, 'groupName');
      return policy === null ? [] : [{ kind: 'policy-attachment', id: policy, arn: null, owner, detail: null }];
    }
    case 'CreateRole': {
      const name = dataString(res, 'role.roleName') ?? roleName;
      const arn = dataString(res, 'role.arn') ?? (name && `arn:aws:iam::${event.accountId}:role/${name}`);
      const trusted = trustedPrincipals(dataString(req, 'assumeRolePolicyDocument'));
      return name === null ? [] : [{ kind: 'role', id: name, arn, owner: null, detail: trusted }];
    }
    case 'CreateBucket': {
      const bucket = dataString(req, 'bucketName');
      return bucket === null
        ? []
        : [{ kind: 'bucket', id: bucket, arn: `arn:aws:s3:::${bucket}`, owner: null, detail: event.region }];
    }
    case 'RunInstances':
      return instanceIds(res).map((id) => ({ kind: 'instance', id, arn: null, owner: null, detail: event.region }));
    case 'AssumeRole': {
      const session = dataString(res, 'assumedRoleUser.arn');
      const key = dataString(res, 'credentials.accessKeyId');
      return session === null
        ? []
        : [{ kind: 'session', id: session, arn: key, owner: dataString(req, 'roleArn'), detail: null }];
    }
    default:
      return [];
  }
}

/** `arn:aws:iam::999988887777:root, ec2.amazonaws.com` from a trust policy document. */
function trustedPrincipals(document: string | null): string | null {
  try {
    const statements = (JSON.parse(document ?? '') as { Statement?: unknown }).Statement;
    const list = Array.isArray(statements) ? statements : [statements];
    const principals = list.flatMap((s) =>
      Object.values((s as { Principal?: Record<string, unknown> })?.Principal ?? {}).flat(),
    );
    return principals.length === 0 ? null : principals.map(String).join(', ');
  } catch {
    return null;
  }
}

export function createdIn(events: readonly ActivityEvent[]): CreatedItem[] {
  return events
    .filter((e) => e.succeeded)
    .flatMap((event) =>
      found(event).map((item) => ({
        ...item,
        createdBy: event.actorUid ?? '',
        proof: eventRef(event),
        // biome-ignore lint/suspicious/noThenProperty: `then` is the investigate JSON's field for what a created principal did next; it is never a function, so an item is never taken for a promise.
        then: null,
      })),
    );
}

/** Whose events to read next, under a key that marks it visited; a key is followed only when its user is not. */
function follow(item: CreatedItem, visited: ReadonlySet<string>): { key: string; filter: PrincipalFilter } | null {
  // What it created cannot have acted before it was created.
  const none = { uids: [], issuers: [], credentialUids: [], since: Date.parse(item.proof.time) };
  if (item.kind === 'user' && item.arn !== null)
    return { key: `user:${item.id}`, filter: { ...none, uids: [item.arn] } };
  if (item.kind === 'role' && item.arn !== null)
    return { key: `role:${item.arn}`, filter: { ...none, issuers: [item.arn] } };
  if (item.kind === 'session' && item.arn !== null) {
    return { key: `key:${item.arn}`, filter: { ...none, credentialUids: [item.arn] } };
  }
  if (item.kind === 'access-key' && !visited.has(`user:${item.owner ?? ''}`)) {
    return { key: `key:${item.id}`, filter: { ...none, credentialUids: [item.id] } };
  }
  return null;
}

/**
 * `visited` holds `user:NAME`, `role:ARN` and `key:ID` of principals whose events are read already (the
 * investigated one first), so a chain of principals creating each other ends.
 */
/** Reads principals' events, and is told which of the batches read were followed (their events count). */
export interface PrincipalReader {
  read(filters: readonly PrincipalFilter[]): Promise<EventBatch[]>;
  followed(batch: EventBatch): void;
}

export async function followCreated(
  events: readonly ActivityEvent[],
  reader: PrincipalReader,
  visited: Set<string>,
  depth = 0,
): Promise<CreatedItem[]> {
  const items = createdIn(events);
  const next = items.map((item) => {
    const step = depth < MAX_DEPTH ? follow(item, visited) : null;
    return step !== null && !visited.has(step.key) ? step : null;
  });
  for (const step of next) if (step !== null) visited.add(step.key);
  // Every principal of this level is read in one scan, then followed depth first as before.
  const wanted = next.flatMap((step, index) => (step === null ? [] : [{ index, filter: step.filter }]));
  const read_ = wanted.length === 0 ? [] : await reader.read(wanted.map((w) => w.filter));
  const batches = new Map(wanted.map((w, i) => [w.index, read_[i] as EventBatch]));
  const followed: CreatedItem[] = [];
  for (const [index, item] of items.entries()) {
    const batch = batches.get(index);
    // A key whose user was reached meanwhile, deeper in an earlier item's tree, is not followed twice.
    if (batch === undefined || (item.kind === 'access-key' && visited.has(`user:${item.owner}`))) {
      followed.push(item);
      continue;
    }
    reader.followed(batch);
    const then = {
      eventCount: batch.events.length,
      truncated: batch.truncated,
      operations: summariseOperations(batch.events),
      created: await followCreated(batch.events, reader, visited, depth + 1),
    };
    followed.push({ ...item, then });
  }
  return followed;
}

/** Depth first, each item before what its principal created. */
export function flattenCreated(items: readonly CreatedItem[]): CreatedItem[] {
  return items.flatMap((item) => [item, ...flattenCreated(item.then?.created ?? [])]);
}
