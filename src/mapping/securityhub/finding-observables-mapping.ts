// Security Lake 2.0 lists the row's hostnames, IP addresses, hashes, user names, process names and resource
// ARNs in `observables`, each named by its OCSF path (`evidences[].src_endpoint.ip`, `resources[].uid`).

import type { OcsfRow } from '../ocsf-row.ts';
import { asRecord } from './asff-field-reader.ts';

interface Observable {
  readonly name: string;
  readonly type: string;
  readonly type_id: number;
  readonly value: string;
}

// Evidence before resources, the order of AWS's sample row.
const OBSERVED: readonly (readonly [path: string, typeId: number, type: string])[] = [
  ['evidences[].src_endpoint.ip', 2, 'IP Address'],
  ['evidences[].query.hostname', 1, 'Hostname'],
  ['evidences[].actor.process.name', 9, 'Process Name'],
  ['evidences[].actor.process.user.name', 4, 'User Name'],
  ['evidences[].actor.process.file.hashes[].value', 8, 'Hash'],
  ['resources[].uid', 10, 'Resource UID'],
  ['resource.uid', 10, 'Resource UID'],
];

export function mapObservables(row: OcsfRow): Observable[] | undefined {
  const observables = OBSERVED.flatMap(([name, type_id, type]) =>
    valuesAt(row, name.split('.')).map((value) => ({ name, type, type_id, value })),
  );
  return observables.length > 0 ? observables : undefined;
}

/** The string values at an OCSF path, where `name[]` steps into every element of an array. */
function valuesAt(node: unknown, steps: readonly string[]): string[] {
  const [step, ...rest] = steps;
  if (step === undefined) return typeof node === 'string' ? [node] : [];
  const isArray = step.endsWith('[]');
  const child = asRecord(node)?.[isArray ? step.slice(0, -2) : step];
  if (!isArray) return valuesAt(child, rest);
  return Array.isArray(child) ? child.flatMap((item) => valuesAt(item, rest)) : [];
}
