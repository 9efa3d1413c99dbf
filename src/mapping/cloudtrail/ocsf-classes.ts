// The three OCSF 1.1.0 classes a CloudTrail record becomes, with the captions the schema gives them.
// Every (class, activity) pair is built once here, so a mapped row shares these strings instead of
// concatenating a type_name per record. test/mapping/cloudtrail-classes.test.ts checks them against the schema.

export interface OcsfClass {
  readonly uid: number;
  readonly name: string;
  readonly categoryUid: number;
  readonly categoryName: string;
  readonly activities: Readonly<Record<number, string>>;
}

/** What class_* / category_* / activity_* / type_* of one row say. */
export interface EventKind {
  readonly ocsfClass: OcsfClass;
  readonly activityId: number;
  readonly activityName: string;
  readonly typeUid: number;
  readonly typeName: string;
}

const IAM_CATEGORY = 'Identity & Access Management';

export const ACCOUNT_CHANGE: OcsfClass = {
  uid: 3001,
  name: 'Account Change',
  categoryUid: 3,
  categoryName: IAM_CATEGORY,
  activities: {
    1: 'Create',
    2: 'Enable',
    3: 'Password Change',
    4: 'Password Reset',
    5: 'Disable',
    6: 'Delete',
    7: 'Attach Policy',
    8: 'Detach Policy',
    9: 'Lock',
    10: 'MFA Factor Enable',
    11: 'MFA Factor Disable',
    99: 'Other',
  },
};

export const AUTHENTICATION: OcsfClass = {
  uid: 3002,
  name: 'Authentication',
  categoryUid: 3,
  categoryName: IAM_CATEGORY,
  activities: {
    1: 'Logon',
    2: 'Logoff',
    3: 'Authentication Ticket',
    4: 'Service Ticket Request',
    5: 'Service Ticket Renew',
    99: 'Other',
  },
};

export const API_ACTIVITY: OcsfClass = {
  uid: 6003,
  name: 'API Activity',
  categoryUid: 6,
  categoryName: 'Application Activity',
  activities: { 1: 'Create', 2: 'Read', 3: 'Update', 4: 'Delete', 99: 'Other' },
};

export const OCSF_CLASSES: readonly OcsfClass[] = [ACCOUNT_CHANGE, AUTHENTICATION, API_ACTIVITY];

const KINDS = new Map<OcsfClass, ReadonlyMap<number, EventKind>>(
  OCSF_CLASSES.map((ocsfClass) => [ocsfClass, kindsOf(ocsfClass)]),
);

/** The shared EventKind of one of the class's own activity ids (rules only hand out ids of the class's enum). */
export function eventKind(ocsfClass: OcsfClass, activityId: number): EventKind {
  const kind = KINDS.get(ocsfClass)?.get(activityId);
  if (kind === undefined) throw new Error(`${ocsfClass.name} has no activity ${activityId}`);
  return kind;
}

function kindsOf(ocsfClass: OcsfClass): ReadonlyMap<number, EventKind> {
  const kinds = new Map<number, EventKind>();
  for (const [id, activityName] of Object.entries(ocsfClass.activities)) {
    const activityId = Number(id);
    kinds.set(activityId, {
      ocsfClass,
      activityId,
      activityName,
      typeUid: ocsfClass.uid * 100 + activityId,
      typeName: `${ocsfClass.name}: ${activityName}`,
    });
  }
  return kinds;
}
