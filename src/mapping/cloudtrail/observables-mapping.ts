// `observables`: the values an analyst pivots on (IP addresses, user names, resource ARNs), named by the
// column they come from, as in Security Lake's rows.

import type { OcsfResource } from './api-activity-mapping.ts';

export interface OcsfObservable {
  name: string;
  type: string;
  type_id: number;
  value: string;
}

export interface ObservedValues {
  readonly srcIp: string | undefined;
  readonly actorUserName: string | undefined;
  readonly userName: string | undefined;
  readonly resources: readonly OcsfResource[] | undefined;
}

export function mapObservables(values: ObservedValues): OcsfObservable[] | undefined {
  const observables: OcsfObservable[] = [];
  if (values.srcIp) observables.push({ name: 'src_endpoint.ip', type: 'IP Address', type_id: 2, value: values.srcIp });
  if (values.actorUserName) {
    observables.push({ name: 'actor.user.name', type: 'User Name', type_id: 4, value: values.actorUserName });
  }
  if (values.userName) observables.push({ name: 'user.name', type: 'User Name', type_id: 4, value: values.userName });
  if (values.resources !== undefined) {
    for (const resource of values.resources) {
      if (resource.uid)
        observables.push({ name: 'resources[].uid', type: 'Resource UID', type_id: 10, value: resource.uid });
    }
  }
  return observables.length > 0 ? observables : undefined;
}
