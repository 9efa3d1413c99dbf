// `resources[]`: the Kubernetes object the request was about. The type is the resource with its
// subresource as Kubernetes RBAC writes them (`pods/exec`, `serviceaccounts/token`).

import { asRecord, nonEmpty, type RawRecord, takeString } from '../record-fields.ts';
import type { ConsumedPaths } from '../unmapped-flattener.ts';

export interface EksResource {
  namespace?: string;
  name?: string;
  uid?: string;
  version?: string;
  type?: string;
}

export function mapResources(event: RawRecord, consumed: ConsumedPaths): EksResource[] | undefined {
  const objectRef = asRecord(event.objectRef);
  if (objectRef === undefined) return undefined;
  const resource: EksResource = {};
  const namespace = takeString(objectRef, 'namespace', 'objectRef.namespace', consumed);
  if (namespace !== undefined) resource.namespace = namespace;
  const name = takeString(objectRef, 'name', 'objectRef.name', consumed);
  if (name !== undefined) resource.name = name;
  const uid = takeString(objectRef, 'uid', 'objectRef.uid', consumed);
  if (uid !== undefined) resource.uid = uid;
  const version = takeString(objectRef, 'resourceVersion', 'objectRef.resourceVersion', consumed);
  if (version !== undefined) resource.version = version;
  const type = takeString(objectRef, 'resource', 'objectRef.resource', consumed);
  const subresource = takeString(objectRef, 'subresource', 'objectRef.subresource', consumed);
  if (type !== undefined) resource.type = subresource === undefined ? type : `${type}/${subresource}`;
  else if (subresource !== undefined) resource.type = subresource;
  return nonEmpty(resource) === undefined ? undefined : [resource];
}
