// The class every flow row has, and what the flow's `action` makes of its activity, and of the
// security_control profile's action and disposition (reference §4, VPC Flow Logs): REJECT is activity 5
// Refuse, action Denied, disposition Blocked; ACCEPT is activity 6 Traffic, action Allowed, disposition
// Allowed. Names are the OCSF 1.1.0 captions of the ids. Each outcome is built once and shared by the rows.

import type { ConsumedPaths, RawRecord } from '../cloudtrail/raw-fields.ts';

export const NETWORK_ACTIVITY = {
  class_uid: 4001,
  class_name: 'Network Activity',
  category_uid: 4,
  category_name: 'Network Activity',
} as const;

export interface FlowOutcome {
  readonly activity_id: number;
  readonly activity_name: string;
  readonly type_uid: number;
  readonly type_name: string;
  readonly action_id: number;
  readonly action: string;
  readonly disposition?: string;
}

const ACCEPTED = outcome(6, 'Traffic', 1, 'Allowed', 'Allowed');
const REJECTED = outcome(5, 'Refuse', 2, 'Denied', 'Blocked');
/**
 * The dossier gives a field whose condition fails "a default value from the OCSF schema": activity and
 * action_id 0 Unknown. action_id is required by the security_control profile, so it is never left out.
 */
const UNKNOWN = outcome(0, 'Unknown', 0, 'Unknown');

export function flowOutcome(record: RawRecord, consumed: ConsumedPaths): FlowOutcome {
  const action = record.action;
  const known = action === 'ACCEPT' ? ACCEPTED : action === 'REJECT' ? REJECTED : undefined;
  if (known === undefined) return UNKNOWN;
  consumed.add('action');
  return known;
}

function outcome(
  activityId: number,
  activityName: string,
  actionId: number,
  action: string,
  disposition?: string,
): FlowOutcome {
  return Object.freeze({
    activity_id: activityId,
    activity_name: activityName,
    type_uid: NETWORK_ACTIVITY.class_uid * 100 + activityId,
    type_name: `${NETWORK_ACTIVITY.class_name}: ${activityName}`,
    action_id: actionId,
    action,
    ...(disposition === undefined ? {} : { disposition }),
  });
}
