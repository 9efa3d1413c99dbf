// The class, category, activity, type and severity columns of a row, built once per (class, activity) from
// the OCSF 1.1.0 captions: the mappings look them up per record and share the strings, never concatenating
// a type_name per record. Security Lake writes every row of these sources as Informational.

import type { OcsfClass } from './cloudtrail/ocsf-classes.ts';

const NETWORK_CATEGORY = 'Network Activity';

export const DNS_ACTIVITY: OcsfClass = {
  uid: 4003,
  name: 'DNS Activity',
  categoryUid: 4,
  categoryName: NETWORK_CATEGORY,
  activities: { 0: 'Unknown', 1: 'Query', 2: 'Response', 6: 'Traffic', 99: 'Other' },
};

export const HTTP_ACTIVITY: OcsfClass = {
  uid: 4002,
  name: 'HTTP Activity',
  categoryUid: 4,
  categoryName: NETWORK_CATEGORY,
  activities: {
    0: 'Unknown',
    1: 'Connect',
    2: 'Delete',
    3: 'Get',
    4: 'Head',
    5: 'Options',
    6: 'Post',
    7: 'Put',
    8: 'Trace',
    99: 'Other',
  },
};

export interface KindColumns {
  readonly class_name: string;
  readonly class_uid: number;
  readonly category_name: string;
  readonly category_uid: number;
  readonly activity_name: string;
  readonly activity_id: number;
  readonly type_uid: number;
  readonly type_name: string;
  readonly severity_id: 1;
  readonly severity: 'Informational';
}

/** Call at module load, not per record. An id the class does not have is a bug in the caller's table. */
export function kindColumns(ocsfClass: OcsfClass, activityId: number): KindColumns {
  const activityName = ocsfClass.activities[activityId];
  if (activityName === undefined) throw new Error(`${ocsfClass.name} has no activity ${activityId}`);
  return Object.freeze({
    class_name: ocsfClass.name,
    class_uid: ocsfClass.uid,
    category_name: ocsfClass.categoryName,
    category_uid: ocsfClass.categoryUid,
    activity_name: activityName,
    activity_id: activityId,
    type_uid: ocsfClass.uid * 100 + activityId,
    type_name: `${ocsfClass.name}: ${activityName}`,
    severity_id: 1,
    severity: 'Informational',
  });
}
