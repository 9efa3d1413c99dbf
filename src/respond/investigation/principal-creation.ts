// Who created a user or role, from the CreateUser or CreateRole event that made it. A principal created but
// never used has no event of its own, and its creation is then the one thing the lake says about it.

import { activityEvents } from './activity-events.ts';
import { type CreatedItem, createdIn } from './created-resources.ts';
import { type InvestigationScope, sqlString } from './investigation-scope.ts';

/**
 * The successful CreateUser and CreateRole calls that made the principal `query` names (name, ARN or unique
 * id), oldest first. Looked up outside the investigation's window: a principal is created before it is used.
 * IAM calls are management events recorded in the principal's own account, so with `accountId` known only
 * that account's management-event partitions are read.
 */
export async function creationsOf(
  scope: InvestigationScope,
  query: string,
  accountId: string | null = null,
): Promise<CreatedItem[]> {
  const q = sqlString(query.toLowerCase());
  const field = (data: 'request' | 'response', path: string) =>
    `lower(json_extract_scalar(api.${data}.data, '$.${path}')) = ${q}`;
  const names = [
    ...['user.arn', 'user.userId', 'user.userName', 'role.arn', 'role.roleId', 'role.roleName'].map((path) =>
      field('response', path),
    ),
    field('request', 'userName'),
    field('request', 'roleName'),
  ];
  const { events } = await activityEvents(
    scope,
    `api.operation IN ('CreateUser', 'CreateRole') AND api.response.error IS NULL AND (${names.join(' OR ')})${accountId === null ? '' : ` AND accountid = ${sqlString(accountId)}`}`,
    undefined,
    accountId === null ? undefined : ['cloud_trail_mgmt'],
  );
  return createdIn(events).filter((c) => c.kind === 'user' || c.kind === 'role');
}
