// `api` and the activity: the Kubernetes verb and how the API server answered. Activity follows AWS's EKS
// mapping (ocsf/examples, eks_api_activity.blobl): create → Create; get, watch (and list, a read) → Read;
// update, patch → Update; delete (and deletecollection) → Delete; any other verb → Other.

import { API_ACTIVITY } from '../cloudtrail/ocsf-classes.ts';
import { type KindColumns, kindColumns } from '../ocsf-event-kinds.ts';
import { asRecord, nonEmpty, type RawRecord, takeInteger, takeString } from '../record-fields.ts';
import type { ConsumedPaths } from '../unmapped-flattener.ts';

const VERBS: ReadonlyMap<string, KindColumns> = new Map(
  (
    [
      ['create', 1],
      ['get', 2],
      ['list', 2],
      ['watch', 2],
      ['update', 3],
      ['patch', 3],
      ['delete', 4],
      ['deletecollection', 4],
    ] as const
  ).map(([verb, id]) => [verb, kindColumns(API_ACTIVITY, id)]),
);
const OTHER_VERB = kindColumns(API_ACTIVITY, 99);

export function activityOf(verb: string | undefined): KindColumns {
  return (verb === undefined ? undefined : VERBS.get(verb)) ?? OTHER_VERB;
}

export interface EksApi {
  operation?: string;
  version?: string;
  request?: { uid: string };
  response?: { code?: number; message?: string; error?: string; error_message?: string };
  group?: { name: string };
}

export function mapApi(event: RawRecord, verb: string | undefined, consumed: ConsumedPaths): EksApi | undefined {
  const api: EksApi = {};
  if (verb !== undefined) api.operation = verb;
  const uid = takeString(event, 'auditID', 'auditID', consumed);
  if (uid !== undefined) api.request = { uid };
  const objectRef = asRecord(event.objectRef);
  const version = takeString(objectRef, 'apiVersion', 'objectRef.apiVersion', consumed);
  if (version !== undefined) api.version = version;
  const group = takeString(objectRef, 'apiGroup', 'objectRef.apiGroup', consumed);
  if (group !== undefined) api.group = { name: group };
  const response = mapResponse(asRecord(event.responseStatus), consumed);
  if (response !== undefined) api.response = response;
  return nonEmpty(api);
}

/** `status` (`Failure`) is the error message in AWS's mapping; `reason` (`Forbidden`) is the error. */
function mapResponse(status: RawRecord | undefined, consumed: ConsumedPaths): EksApi['response'] {
  const response: NonNullable<EksApi['response']> = {};
  const code = takeInteger(status, 'code', 'responseStatus.code', consumed);
  if (code !== undefined) response.code = code;
  const message = takeString(status, 'message', 'responseStatus.message', consumed);
  if (message !== undefined) response.message = message;
  const error = takeString(status, 'reason', 'responseStatus.reason', consumed);
  if (error !== undefined) response.error = error;
  const errorMessage = takeString(status, 'status', 'responseStatus.status', consumed);
  if (errorMessage !== undefined) response.error_message = errorMessage;
  return nonEmpty(response);
}
