// Kubernetes audit events as an EKS control plane logs them (`audit.k8s.io/v1` Event, one per line), for the
// per-source bench: controllers renewing leases, nodes reporting status, and people reading workloads.

import type { SeededRandom } from '../src/scenario/seeded-random.ts';

const CALLERS = [
  ['system:kube-controller-manager', ['system:authenticated'], 'kube-controller-manager/v1.29.1 (linux/amd64)'],
  ['system:node:ip-10-0-42-17.ec2.internal', ['system:nodes', 'system:authenticated'], 'kubelet/v1.29.0 (linux/amd64)'],
  ['kubernetes-admin', ['system:masters', 'system:authenticated'], 'kubectl/v1.29.2 (darwin/arm64)'],
] as const;
const REQUESTS = [
  ['update', 'leases', 'kube-system', 'kube-controller-manager', 'coordination.k8s.io/v1'],
  ['patch', 'nodes', '', 'ip-10-0-42-17.ec2.internal', 'v1'],
  ['get', 'pods', 'shop', 'orders-api-7d9c6b5f4-x2lqk', 'v1'],
  ['list', 'deployments', 'shop', '', 'apps/v1'],
  ['watch', 'configmaps', 'kube-system', '', 'v1'],
] as const;

export function eksAuditEvent(rng: SeededRandom, timeMs: number): Record<string, unknown> {
  const [username, groups, userAgent] = rng.pick(CALLERS);
  const [verb, resource, namespace, name, apiVersion] = rng.pick(REQUESTS);
  const group = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const scope = namespace === '' ? '' : `/namespaces/${namespace}`;
  const time = new Date(timeMs).toISOString().replace('Z', '000Z');
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: rng.uuid(),
    stage: 'ResponseComplete',
    requestURI: `${group}${scope}/${resource}${name === '' ? '' : `/${name}`}`,
    verb,
    user: { username, groups: [...groups] },
    sourceIPs: [`10.0.${rng.between(0, 63)}.${rng.between(2, 254)}`],
    userAgent,
    objectRef: {
      resource,
      ...(namespace === '' ? {} : { namespace }),
      ...(name === '' ? {} : { name }),
      apiVersion: apiVersion.split('/').at(-1),
    },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
  };
}
