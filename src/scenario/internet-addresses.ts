// Addresses the organization's everyday traffic meets on the internet: customers and scanners, the AWS
// endpoints its workloads call, and a few SaaS vendors. None falls in the ranges the incident uses
// (198.51.100.0/24, 203.0.113.0/24) or on the organization's own NAT addresses, so a match on an
// attacker's address is always the attacker.

import type { SeededRandom } from './seeded-random.ts';

/** First octets of busy consumer and hosting ranges; none is 34, 35, 52 or 54 (the NATs) or 198/203. */
const CLIENT_NETWORKS = [24, 45, 67, 73, 81, 92, 98, 108, 142, 176, 185, 188, 212];
const COUNTRIES = ['US', 'US', 'US', 'CA', 'GB', 'DE', 'FR', 'NL', 'BR', 'IN', 'JP', 'AU'];
const SCANNER_COUNTRIES = ['CN', 'RU', 'US', 'NL', 'SG', 'BR', 'VN'];

export interface InternetClient {
  readonly ip: string;
  readonly country: string;
}

function address(rng: SeededRandom, first: number): string {
  return `${first}.${rng.between(1, 254)}.${rng.between(0, 255)}.${rng.between(1, 254)}`;
}

export function customer(rng: SeededRandom): InternetClient {
  return { ip: address(rng, rng.pick(CLIENT_NETWORKS)), country: rng.pick(COUNTRIES) };
}

/** The background noise of the internet: hosts that sweep every public address for open ports. */
export function scanner(rng: SeededRandom): InternetClient {
  return { ip: address(rng, rng.pick([45, 89, 185, 193, 194])), country: rng.pick(SCANNER_COUNTRIES) };
}

export interface ServiceEndpoint {
  /** As Resolver logs a query name: with the trailing dot. */
  readonly hostname: string;
  /** VPC Flow Logs' `pkt-dst-aws-service` name, or undefined for a vendor outside AWS. */
  readonly awsService: string | undefined;
  readonly ip: string;
}

const AWS_SERVICES = [
  ['s3', 'S3', '52.216'],
  ['sts', 'AMAZON', '18.232'],
  ['dynamodb', 'DYNAMODB', '3.218'],
  ['sqs', 'AMAZON', '3.236'],
  ['logs', 'AMAZON', '18.236'],
  ['ecr.api', 'AMAZON', '3.227'],
] as const;
const VENDORS = [
  ['api.github.com.', '140.82'],
  ['registry.npmjs.org.', '104.16'],
  ['hooks.slack.com.', '151.101'],
  ['api.stripe.com.', '151.101'],
] as const;

/** An endpoint a workload calls: mostly regional AWS services, sometimes a vendor's API. */
export function serviceEndpoint(rng: SeededRandom, region: string): ServiceEndpoint {
  if (rng.chance(0.8)) {
    const [name, service, network] = rng.pick(AWS_SERVICES);
    const ip = `${network}.${rng.between(0, 255)}.${rng.between(1, 254)}`;
    return { hostname: `${name}.${region}.amazonaws.com.`, awsService: service, ip };
  }
  const [hostname, network] = rng.pick(VENDORS);
  return { hostname, awsService: undefined, ip: `${network}.${rng.between(0, 255)}.${rng.between(1, 254)}` };
}
