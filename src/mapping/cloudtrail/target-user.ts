// The `user` struct of Account Change and Authentication rows: the identity the event is about, as opposed
// to `actor.user`, the identity that made the call. Its values are copies of raw fields another column
// already holds (api.request.data, api.response.data, actor.user), so reading them consumes no raw path.

import { asText } from './raw-fields.ts';

export interface OcsfUser {
  uid?: string;
  uid_alt?: string;
  name?: string;
}

export function targetUser(uid: unknown, uidAlt: unknown, name: unknown): OcsfUser | undefined {
  const user: OcsfUser = {};
  const uidText = asText(uid);
  if (uidText !== undefined) user.uid = uidText;
  const uidAltText = asText(uidAlt);
  if (uidAltText !== undefined) user.uid_alt = uidAltText;
  const nameText = asText(name);
  if (nameText !== undefined) user.name = nameText;
  return user.uid === undefined && user.uid_alt === undefined && user.name === undefined ? undefined : user;
}
