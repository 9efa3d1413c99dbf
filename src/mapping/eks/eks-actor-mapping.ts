// `actor`: the Kubernetes user the API server authenticated, and, for IAM principals, the AWS session
// the EKS authenticator put in `user.extra` (each value a one-element list). AWS's mapping sets
// `actor.user.type_id` to 0 (Unknown): Kubernetes does not say whether a user is a person or a service.

import { asRecord, IGNORED, nonEmpty, type RawRecord, takeString, takeStrings } from '../record-fields.ts';
import type { ConsumedPaths } from '../unmapped-flattener.ts';

export interface EksActor {
  user?: { name?: string; uid?: string; groups?: { name: string }[]; type_id: 0 };
  session?: { credential_uid?: string; issuer?: string; uid?: string };
}

export function mapActor(event: RawRecord, consumed: ConsumedPaths): EksActor | undefined {
  const raw = asRecord(event.user);
  if (raw === undefined) return undefined;
  const actor: EksActor = {};
  const user: NonNullable<EksActor['user']> = { type_id: 0 };
  const name = takeString(raw, 'username', 'user.username', consumed);
  if (name !== undefined) user.name = name;
  const uid = takeString(raw, 'uid', 'user.uid', consumed);
  if (uid !== undefined) user.uid = uid;
  const groups = takeStrings(raw, 'groups', 'user.groups', consumed);
  if (groups !== undefined) user.groups = groups.map((group) => ({ name: group }));
  actor.user = user;
  const extra = asRecord(raw.extra);
  const session: NonNullable<EksActor['session']> = {};
  const credential = firstOf(extra, 'accessKeyId', consumed);
  if (credential !== undefined) session.credential_uid = credential;
  const issuer = firstOf(extra, 'canonicalArn', consumed);
  if (issuer !== undefined) session.issuer = issuer;
  const sessionName = firstOf(extra, 'sessionName', consumed);
  if (sessionName !== undefined) session.uid = sessionName;
  if (nonEmpty(session) !== undefined) actor.session = session;
  return actor;
}

/** The first value of a `user.extra` list; taken out of `unmapped` only when it is the list's one value. */
function firstOf(extra: RawRecord | undefined, key: string, consumed: ConsumedPaths): string | undefined {
  const values = extra?.[key];
  const single = Array.isArray(values) && values.length === 1;
  return takeStrings(extra, key, `user.extra.${key}`, single ? consumed : IGNORED)?.[0];
}
