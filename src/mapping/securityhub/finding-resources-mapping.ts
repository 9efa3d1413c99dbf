// ASFF Resources[] become `resources` (an array, Detection Finding 2004) or `resource` (one struct,
// Vulnerability 2002 / Compliance 2003). Order is kept: Macie's sensitive-data findings list the bucket first
// and the object second, so `resources[1]` is the bucket and `resources[2]` the object in Athena.

import { type AsffReader, asRecord } from './asff-field-reader.ts';
import type { FindingClass } from './finding-class-selection.ts';
import { compact, compactList, type Struct } from './struct-compaction.ts';

export interface MappedResources {
  readonly resource?: Struct;
  readonly resources?: Struct[];
}

export function mapResources(finding: AsffReader, findingClass: FindingClass): MappedResources {
  const items = finding.items('Resources');
  const [first] = items;
  if (first === undefined) return {};
  if (findingClass.uid === 2004) {
    const owner = finding.text('ProductFields', 'ResourceOwnerAccount');
    return { resources: compactList(items.map((item) => mapResource(item, finding, owner))) };
  }
  // One struct cannot hold several resources: then the first is shown and all of them stay in `unmapped`.
  const single = items.length === 1;
  return { resource: mapResource(single ? first : first.detached(), single ? finding : finding.detached(), undefined) };
}

function mapResource(item: AsffReader, finding: AsffReader, ownerAccount: string | undefined): Struct | undefined {
  const resource = compact({
    type: item.text('Type'),
    uid: item.text('Id'),
    cloud_partition: item.text('Partition'),
    region: item.text('Region'),
    labels: tagLabels(item),
    data: item.json('Details'),
    criticality: finding.text('Criticality'),
  });
  if (resource === undefined) return undefined;
  return compact({ ...resource, owner: ownerAccount === undefined ? undefined : { account: { uid: ownerAccount } } });
}

/** Tags `{"Owner":"ops"}` as `["Owner=ops"]`, the way Security Lake writes resource labels. */
function tagLabels(item: AsffReader): string[] | undefined {
  const tags = asRecord(item.peek('Tags'));
  if (tags === undefined) return undefined;
  item.take('Tags');
  return compactList(
    Object.entries(tags).map(([key, value]) => (typeof value === 'string' ? `${key}=${value}` : undefined)),
  );
}
