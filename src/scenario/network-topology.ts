// The organization's networks: one VPC per account and region with a few instances, each VPC logging its
// flows and its Resolver queries, and the web ACLs in front of the public sites. Ids come from the seed.
// The prod account logs flows in a custom version 5 format; the other accounts keep AWS's default format.

import { regionalWeight } from './delivery-schedule.ts';
import { INCIDENT_ACCOUNT_ID, type Organization, REGIONS, type Region } from './organization.ts';
import { type SeededRandom, streamFor } from './seeded-random.ts';

export interface Instance {
  readonly name: string;
  readonly id: string;
  readonly privateIp: string;
  readonly interfaceId: string;
  readonly subnetId: string;
  readonly azId: string;
  /** Instances behind the load balancer take the web traffic the WAF lets through. */
  readonly web: boolean;
}

export interface Vpc {
  readonly accountId: string;
  readonly region: Region;
  readonly id: string;
  readonly flowLogId: string;
  /** Whether the flow log uses the custom version 5 format rather than AWS's default (version 2). */
  readonly customFormat: boolean;
  /** Share of the organization's network traffic. */
  readonly weight: number;
  readonly instances: readonly Instance[];
}

export interface WebAcl {
  readonly accountId: string;
  readonly region: Region;
  readonly name: string;
  readonly arn: string;
  /** The load balancer it protects, as WAF names it in `httpSourceId`. */
  readonly sourceId: string;
  readonly host: string;
  readonly weight: number;
}

export interface NetworkTopology {
  readonly vpcs: readonly Vpc[];
  readonly webAcls: readonly WebAcl[];
  /** The prod instance whose nightly job holds Service_Backup's key; the attacker's foothold. */
  readonly backupServer: { readonly vpc: Vpc; readonly instance: Instance };
}

const INSTANCES = [
  ['shop-web-1', true],
  ['shop-web-2', true],
  ['orders-api-1', false],
  ['batch-worker-1', false],
  ['postgres-1', false],
] as const;
const BACKUP_SERVER = 'backup-01';
const AZ_PREFIX: Record<Region, string> = { 'us-east-1': 'use1', 'us-west-2': 'usw2', 'eu-west-1': 'euw1' };

export function buildNetworkTopology(seed: number, org: Organization): NetworkTopology {
  const rng = streamFor(seed, 'network-topology');
  const vpcs = org.accounts.flatMap((account, a) =>
    REGIONS.map((region, r) => {
      const prefix = `10.${a * 16 + r * 4}`;
      const names: (readonly [string, boolean])[] = [...INSTANCES];
      if (account.id === INCIDENT_ACCOUNT_ID && region === org.backupBucket.region) names.push([BACKUP_SERVER, false]);
      return {
        accountId: account.id,
        region,
        id: `vpc-0${rng.hex(16)}`,
        flowLogId: `fl-0${rng.hex(16)}`,
        customFormat: account.id === INCIDENT_ACCOUNT_ID,
        weight: regionalWeight(account.weight, region),
        instances: names.map(([name, web], i) => instance(rng, name, web, `${prefix}.${(i % 2) * 16}`, region, i)),
      };
    }),
  );
  const vpc = vpcs.find((v) => v.instances.some((i) => i.name === BACKUP_SERVER)) as Vpc;
  const webAcls = [
    webAcl(rng, INCIDENT_ACCOUNT_ID, 'us-west-2', 'acme-shop-web-acl', 'shop.acme.example', 0.6),
    webAcl(rng, INCIDENT_ACCOUNT_ID, 'us-east-1', 'acme-api-web-acl', 'api.acme.example', 0.3),
    webAcl(
      rng,
      org.accounts[1]?.id ?? INCIDENT_ACCOUNT_ID,
      'us-west-2',
      'acme-staging-web-acl',
      'staging.acme.example',
      0.1,
    ),
  ];
  return {
    vpcs,
    webAcls,
    backupServer: { vpc, instance: vpc.instances.find((i) => i.name === BACKUP_SERVER) as Instance },
  };
}

function instance(rng: SeededRandom, name: string, web: boolean, subnet: string, region: Region, i: number): Instance {
  return {
    name,
    id: `i-0${rng.hex(16)}`,
    // Hosts numbered apart, so no two instances of a VPC share an address.
    privateIp: `${subnet}.${10 + i * 20 + rng.int(15)}`,
    interfaceId: `eni-0${rng.hex(16)}`,
    subnetId: `subnet-0${rng.hex(16)}`,
    azId: `${AZ_PREFIX[region]}-az${(i % 2) + 1}`,
    web,
  };
}

function webAcl(
  rng: SeededRandom,
  accountId: string,
  region: Region,
  name: string,
  host: string,
  weight: number,
): WebAcl {
  return {
    accountId,
    region,
    name,
    arn: `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${name}/${rng.uuid()}`,
    sourceId: `${accountId}-app/${name.replace('-web-acl', '-alb')}/${rng.hex(16)}`,
    host,
    weight,
  };
}
