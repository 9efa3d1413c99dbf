// One Route 53 Resolver query log record → one `route53` row, DNS Activity (4003) Traffic, as Amazon
// Security Lake source version 2.0 maps it (reference §4 "Route 53"; AWS's OCSF 1.1.0 dossier).

import { isoTime } from '../cloudtrail/cloudtrail-time.ts';
import { DNS_ACTIVITY, kindColumns } from '../ocsf-event-kinds.ts';
import type { MapOutcome, OcsfRow } from '../ocsf-row.ts';
import { asRecord, takeString, takeTime } from '../record-fields.ts';
import { resolvePartition } from '../record-partition.ts';
import { HOSTNAME, IP_ADDRESS, Observables, RESOURCE_UID } from '../row-observables.ts';
import { ConsumedPaths, flattenUnmapped } from '../unmapped-flattener.ts';
import { type DnsAnswer, mapAnswers, mapQuery, mapRcode } from './dns-query-mapping.ts';
import {
  mapConnectionInfo,
  mapDestination,
  mapFirewallAction,
  mapFirewallRule,
  mapSource,
} from './resolver-endpoints-mapping.ts';

const TRAFFIC = kindColumns(DNS_ACTIVITY, 6);
const PROFILES: readonly string[] = Object.freeze(['cloud', 'security_control', 'datetime']);

/** Reused across calls: mapping is synchronous and flattenUnmapped does not keep the set. */
const consumed = new ConsumedPaths();

export function mapRoute53Query(event: Readonly<Record<string, unknown>>): MapOutcome {
  const query = asRecord(event);
  if (query === undefined) return { ok: false, reason: 'record is not a JSON object' };
  consumed.reset();
  const time = takeTime(query, 'query_timestamp', 'query_timestamp', consumed);
  if (time === undefined) return { ok: false, reason: 'record has no parseable query_timestamp' };
  const partition = resolvePartition(
    query,
    {
      accountId: takeString(query, 'account_id', 'account_id', consumed),
      region: takeString(query, 'region', 'region', consumed),
    },
    'the query has no account_id or region',
  );
  if (!partition.ok) return partition;
  const { accountId, region } = partition;

  const product: Record<string, unknown> = {
    name: 'Route 53',
    vendor_name: 'AWS',
    feature: { name: 'Resolver Query Logs' },
  };
  const version = takeString(query, 'version', 'version', consumed);
  if (version !== undefined) product.version = version;

  const control = mapFirewallAction(query, consumed);
  const row: Record<string, unknown> = {
    metadata: { product, profiles: PROFILES, version: '1.1.0' },
    cloud: { account: { uid: accountId }, region, provider: 'AWS' },
    time,
    time_dt: isoTime(time),
    ...TRAFFIC,
    action: control.action,
    action_id: control.action_id,
  };
  if (control.disposition !== undefined) row.disposition = control.disposition;
  const source = mapSource(query, consumed);
  if (source !== undefined) row.src_endpoint = source;
  const dnsQuery = mapQuery(query, consumed);
  if (dnsQuery !== undefined) row.query = dnsQuery;
  const answers = mapAnswers(query, consumed);
  if (answers !== undefined) row.answers = answers;
  const rcode = mapRcode(query, consumed);
  if (rcode !== undefined) {
    row.rcode_id = rcode.rcode_id;
    row.rcode = rcode.rcode;
  }
  const connection = mapConnectionInfo(query, consumed);
  if (connection !== undefined) row.connection_info = connection;
  const destination = mapDestination(query, consumed);
  if (destination !== undefined) row.dst_endpoint = destination;
  const rule = mapFirewallRule(query, consumed);
  if (rule !== undefined) row.firewall_rule = rule;

  const observables = new Observables()
    .add('query.hostname', HOSTNAME, dnsQuery?.hostname)
    .add('src_endpoint.ip', IP_ADDRESS, source?.ip)
    .add('src_endpoint.instance_uid', RESOURCE_UID, source?.instance_uid)
    .add('dst_endpoint.instance_uid', RESOURCE_UID, destination?.instance_uid);
  if (answers !== undefined) addAnswerObservables(observables, answers);
  const list = observables.list();
  if (list !== undefined) row.observables = list;
  const unmapped = flattenUnmapped(query, consumed);
  if (unmapped !== undefined) row.unmapped = unmapped;
  row.accountid = accountId;
  row.region = region;
  return { ok: true, source: 'route53', row: row as OcsfRow };
}

/** Addresses (A, AAAA) and names (CNAME) an answer resolved to; other record data is not one value. */
function addAnswerObservables(observables: Observables, answers: readonly DnsAnswer[]): void {
  for (const answer of answers) {
    if (answer.type === 'A' || answer.type === 'AAAA') observables.add('answers[].rdata', IP_ADDRESS, answer.rdata);
    else if (answer.type === 'CNAME') observables.add('answers[].rdata', HOSTNAME, answer.rdata);
  }
}
