// OCSF 1.1.0 requires some attributes that only the raw record can supply: API Activity needs `actor` and
// `src_endpoint`, Account Change and Authentication need `user`. A record that lacks every source of one
// (Panther's fixtures are trimmed to the fields a rule reads) cannot become a valid row, so it is refused
// with a reason naming what is missing rather than written as an invalid OCSF event.

import { API_ACTIVITY, type OcsfClass } from './ocsf-classes.ts';

export function missingRequirement(ocsfClass: OcsfClass, row: Readonly<Record<string, unknown>>): string | undefined {
  if (ocsfClass !== API_ACTIVITY) {
    return row.user === undefined ? `record names no user: OCSF ${ocsfClass.name} requires user` : undefined;
  }
  if (row.actor === undefined) return `record has no userIdentity: OCSF ${ocsfClass.name} requires actor`;
  if (row.src_endpoint === undefined) {
    return `record has no sourceIPAddress or vpcEndpointId: OCSF ${ocsfClass.name} requires src_endpoint`;
  }
  return undefined;
}
