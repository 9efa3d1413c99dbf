// Who asked and which Resolver endpoint answered, over what transport, and what DNS Firewall decided.
// `srcids` names the asking instance and, for queries through a Resolver endpoint, that endpoint and its
// network interface, which Security Lake puts on the destination side.

import { asRecord, nonEmpty, type RawRecord, takeInteger, takeString } from '../record-fields.ts';
import { ALERTED, ALLOWED, BLOCKED, otherControl, type SecurityControl, UNDECIDED } from '../security-control.ts';
import type { ConsumedPaths } from '../unmapped-flattener.ts';

export interface ResolverSource {
  vpc_uid?: string;
  ip?: string;
  port?: number;
  instance_uid?: string;
}

export interface ResolverDestination {
  instance_uid?: string;
  interface_uid?: string;
}

export function mapSource(query: RawRecord, consumed: ConsumedPaths): ResolverSource | undefined {
  const source: ResolverSource = {};
  const vpc = takeString(query, 'vpc_id', 'vpc_id', consumed);
  if (vpc !== undefined) source.vpc_uid = vpc;
  const ip = takeString(query, 'srcaddr', 'srcaddr', consumed);
  if (ip !== undefined) source.ip = ip;
  const port = takeInteger(query, 'srcport', 'srcport', consumed);
  if (port !== undefined) source.port = port;
  const instance = takeString(asRecord(query.srcids), 'instance', 'srcids.instance', consumed);
  if (instance !== undefined) source.instance_uid = instance;
  return nonEmpty(source);
}

export function mapDestination(query: RawRecord, consumed: ConsumedPaths): ResolverDestination | undefined {
  const srcids = asRecord(query.srcids);
  const destination: ResolverDestination = {};
  const endpoint = takeString(srcids, 'resolver_endpoint', 'srcids.resolver_endpoint', consumed);
  if (endpoint !== undefined) destination.instance_uid = endpoint;
  const eni = takeString(srcids, 'resolver_network_interface', 'srcids.resolver_network_interface', consumed);
  if (eni !== undefined) destination.interface_uid = eni;
  return nonEmpty(destination);
}

/** OCSF requires a direction with any connection_info; the log does not say one, so it is OCSF's Unknown. */
export function mapConnectionInfo(query: RawRecord, consumed: ConsumedPaths) {
  const protocol = takeString(query, 'transport', 'transport', consumed);
  return protocol === undefined ? undefined : { protocol_name: protocol, direction: 'Unknown', direction_id: 0 };
}

const FIREWALL_ACTIONS: ReadonlyMap<string, SecurityControl> = new Map([
  ['ALLOW', ALLOWED],
  ['BLOCK', BLOCKED],
  ['ALERT', ALERTED],
]);

/** A query no DNS Firewall rule matched carries no firewall fields: OCSF's Unknown action, no disposition. */
export function mapFirewallAction(query: RawRecord, consumed: ConsumedPaths): SecurityControl {
  const raw = takeString(query, 'firewall_rule_action', 'firewall_rule_action', consumed);
  if (raw === undefined) return UNDECIDED;
  return FIREWALL_ACTIONS.get(raw) ?? otherControl(raw);
}

export function mapFirewallRule(query: RawRecord, consumed: ConsumedPaths): { uid: string } | undefined {
  const group = takeString(query, 'firewall_rule_group_id', 'firewall_rule_group_id', consumed);
  return group === undefined ? undefined : { uid: group };
}
