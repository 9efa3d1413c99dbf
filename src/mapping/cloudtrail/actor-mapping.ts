// `actor`: who made the call, from CloudTrail's userIdentity (Security Lake 2.0: uid is the ARN, uid_alt the
// principal id; the session carries the assumed-role issuer, its creation time and MFA flag).

import { isoTime, parseCloudTrailTime } from './cloudtrail-time.ts';
import { asRecord, type ConsumedPaths, nonEmpty, type RawRecord, takeFlag, takeText } from './raw-fields.ts';

interface ActorUser {
  type?: string;
  name?: string;
  uid?: string;
  uid_alt?: string;
  account?: { uid: string };
  credential_uid?: string;
}

interface ActorSession {
  created_time_dt?: string;
  is_mfa?: boolean;
  issuer?: string;
}

export interface OcsfActor {
  user?: ActorUser;
  session?: ActorSession;
  invoked_by?: string;
  idp?: { name: string };
}

export function mapActor(event: RawRecord, consumed: ConsumedPaths): OcsfActor | undefined {
  const identity = asRecord(event.userIdentity);
  const actor: OcsfActor = {};
  const user = mapActorUser(identity, asRecord(event.additionalEventData), consumed);
  if (user !== undefined) actor.user = user;
  const sessionContext = asRecord(identity?.sessionContext);
  const session = mapSession(sessionContext, consumed);
  if (session !== undefined) actor.session = session;
  const invokedBy = takeText(identity, 'invokedBy', 'userIdentity.invokedBy', consumed);
  if (invokedBy !== undefined) actor.invoked_by = invokedBy;
  const idp =
    takeText(identity, 'identityProvider', 'userIdentity.identityProvider', consumed) ??
    takeText(
      asRecord(sessionContext?.webIdFederationData),
      'federatedProvider',
      'userIdentity.sessionContext.webIdFederationData.federatedProvider',
      consumed,
    ) ??
    takeText(
      asRecord(identity?.webIdFederationData),
      'federatedProvider',
      'userIdentity.webIdFederationData.federatedProvider',
      consumed,
    );
  if (idp !== undefined) actor.idp = { name: idp };
  return nonEmpty(actor);
}

function mapActorUser(
  identity: RawRecord | undefined,
  additional: RawRecord | undefined,
  consumed: ConsumedPaths,
): ActorUser | undefined {
  const user: ActorUser = {};
  const type = takeText(identity, 'type', 'userIdentity.type', consumed);
  if (type !== undefined) user.type = type;
  const name =
    takeText(identity, 'userName', 'userIdentity.userName', consumed) ??
    takeText(additional, 'UserName', 'additionalEventData.UserName', consumed);
  if (name !== undefined) user.name = name;
  const uid = takeText(identity, 'arn', 'userIdentity.arn', consumed);
  if (uid !== undefined) user.uid = uid;
  const uidAlt =
    takeText(identity, 'principalId', 'userIdentity.principalId', consumed) ??
    takeText(asRecord(identity?.onBehalfOf), 'userId', 'userIdentity.onBehalfOf.userId', consumed);
  if (uidAlt !== undefined) user.uid_alt = uidAlt;
  const account = takeText(identity, 'accountId', 'userIdentity.accountId', consumed);
  if (account !== undefined) user.account = { uid: account };
  const credential =
    takeText(identity, 'accessKeyId', 'userIdentity.accessKeyId', consumed) ??
    takeText(identity, 'credentialId', 'userIdentity.credentialId', consumed);
  if (credential !== undefined) user.credential_uid = credential;
  return nonEmpty(user);
}

function mapSession(sessionContext: RawRecord | undefined, consumed: ConsumedPaths): ActorSession | undefined {
  if (sessionContext === undefined) return undefined;
  const session: ActorSession = {};
  const attributes = asRecord(sessionContext.attributes);
  const creationDate = attributes?.creationDate;
  const created = typeof creationDate === 'string' ? parseCloudTrailTime(creationDate) : undefined;
  if (created !== undefined) {
    session.created_time_dt = isoTime(created);
    consumed.add('userIdentity.sessionContext.attributes.creationDate');
  }
  const isMfa = takeFlag(
    attributes,
    'mfaAuthenticated',
    'userIdentity.sessionContext.attributes.mfaAuthenticated',
    consumed,
  );
  if (isMfa !== undefined) session.is_mfa = isMfa;
  const issuer = takeText(
    asRecord(sessionContext.sessionIssuer),
    'arn',
    'userIdentity.sessionContext.sessionIssuer.arn',
    consumed,
  );
  if (issuer !== undefined) session.issuer = issuer;
  return nonEmpty(session);
}
