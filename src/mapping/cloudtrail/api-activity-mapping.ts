// API Activity (6003): every CloudTrail call that is neither an authentication nor an IAM account change,
// and every data event. Activity and resources follow AWS's own CloudTrail → OCSF 1.1.0 mapping
// (ocsf/examples, cloudtrail_api_activity.blobl).

import { asRecord, type ConsumedPaths, nonEmpty, type RawRecord, takeText } from './raw-fields.ts';

/**
 * AWS's rule is a case-sensitive substring test on eventName, first hit wins, so the order matters:
 * `DeleteObjectTagging` is an Update because `Tag` is tested before `Delete`. `Unknown` → 1 is AWS's quirk.
 */
const ACTIVITY_BY_SUBSTRING: readonly (readonly [string, number])[] = [
  ['Unknown', 1],
  ['Create', 1],
  ['Run', 1],
  ['Generate', 1],
  ['Get', 2],
  ['List', 2],
  ['Describe', 2],
  ['Search', 2],
  ['Lookup', 2],
  ['Update', 3],
  ['Put', 3],
  ['Modify', 3],
  ['Add', 3],
  ['Remove', 3],
  ['Start', 3],
  ['Stop', 3],
  ['Attach', 3],
  ['Detach', 3],
  ['Associate', 3],
  ['Disassociate', 3],
  ['Tag', 3],
  ['Untag', 3],
  ['Enable', 3],
  ['Disable', 3],
  ['Register', 3],
  ['Deregister', 3],
  ['Delete', 4],
  ['Terminate', 4],
];

const OTHER = 99;

export function apiActivityId(eventName: string): number {
  for (const [needle, activityId] of ACTIVITY_BY_SUBSTRING) {
    if (eventName.includes(needle)) return activityId;
  }
  return OTHER;
}

export interface OcsfResource {
  uid?: string;
  type?: string;
  owner?: { account: { uid: string } };
}

/**
 * CloudTrail's `resources[]` in CloudTrail's order (S3 data events: the object, then the bucket with its
 * owner), which is what queries on `resources[1]` rely on. Only API Activity has `resources` in OCSF 1.1.0.
 */
export function mapResources(event: RawRecord, consumed: ConsumedPaths): OcsfResource[] | undefined {
  const raw = event.resources;
  if (!Array.isArray(raw)) return undefined;
  if (raw.length === 0) consumed.add('resources');
  const resources: OcsfResource[] = [];
  for (const item of raw) {
    const entry = asRecord(item);
    if (entry === undefined) continue;
    const resource: OcsfResource = {};
    const uid = takeText(entry, 'ARN', 'resources[].ARN', consumed);
    if (uid !== undefined) resource.uid = uid;
    const type = takeText(entry, 'type', 'resources[].type', consumed);
    if (type !== undefined) resource.type = type;
    const owner = takeText(entry, 'accountId', 'resources[].accountId', consumed);
    if (owner !== undefined) resource.owner = { account: { uid: owner } };
    if (nonEmpty(resource) !== undefined) resources.push(resource);
  }
  return resources.length > 0 ? resources : undefined;
}
