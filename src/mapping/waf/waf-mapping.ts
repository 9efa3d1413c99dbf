// One AWS WAF v2 log record → one `waf` row, HTTP Activity (4002), as Amazon Security Lake source version
// 2.0 maps it (reference §4 "WAF v2"; AWS's OCSF 1.1.0 dossier and its sample row). WAF records name no
// account or region of their own, but their web ACL's ARN does (`arn:aws:wafv2:<region>:<account>:…`).

import { isoTime } from '../cloudtrail/cloudtrail-time.ts';
import type { MapOutcome, OcsfRow } from '../ocsf-row.ts';
import { asRecord, nonEmpty, type RawRecord, takeInteger, takeString, takeTime } from '../record-fields.ts';
import { resolvePartition } from '../record-partition.ts';
import { HOSTNAME, IP_ADDRESS, Observables, RESOURCE_UID } from '../row-observables.ts';
import { ConsumedPaths, flattenUnmapped } from '../unmapped-flattener.ts';
import { activityOf, controlOf } from './waf-activity-mapping.ts';
import { mapFirewallRule } from './waf-firewall-rule-mapping.ts';
import { mapHttpRequest } from './waf-http-request-mapping.ts';

const PROFILES: readonly string[] = Object.freeze(['cloud', 'security_control', 'datetime']);
const CLOUD = Object.freeze({ provider: 'AWS' });

/** Reused across calls: mapping is synchronous and flattenUnmapped does not keep the set. */
const consumed = new ConsumedPaths();

export function mapWafRequest(event: Readonly<Record<string, unknown>>): MapOutcome {
  const log = asRecord(event);
  if (log === undefined) return { ok: false, reason: 'record is not a JSON object' };
  consumed.reset();
  const time = takeTime(log, 'timestamp', 'timestamp', consumed);
  if (time === undefined) return { ok: false, reason: 'record has no timestamp in epoch milliseconds' };
  const webAcl = takeString(log, 'webaclId', 'webaclId', consumed);
  const partition = resolvePartition(log, webAclPlace(webAcl), 'the record has no web ACL ARN (webaclId)');
  if (!partition.ok) return partition;

  const request = asRecord(log.httpRequest);
  const httpRequest = mapHttpRequest(request, consumed);
  const control = controlOf(takeString(log, 'action', 'action', consumed));
  const row: Record<string, unknown> = {
    metadata: mapMetadata(log, webAcl),
    time,
    time_dt: isoTime(time),
    cloud: CLOUD,
    ...activityOf(httpRequest?.http_method),
    ...control,
  };
  const source = mapSource(log, request);
  if (source !== undefined) row.src_endpoint = source;
  if (httpRequest !== undefined) row.http_request = httpRequest;
  const rule = mapFirewallRule(log, consumed);
  if (rule !== undefined) row.firewall_rule = rule;
  const status = takeInteger(log, 'responseCodeSent', 'responseCodeSent', consumed);
  if (status !== undefined) row.http_status = status;

  const observables = new Observables()
    .add('src_endpoint.ip', IP_ADDRESS, source?.ip)
    .add('http_request.url.hostname', HOSTNAME, httpRequest?.url?.hostname)
    .add('firewall_rule.uid', RESOURCE_UID, rule?.uid)
    .add('src_endpoint.uid', RESOURCE_UID, source?.uid)
    .list();
  if (observables !== undefined) row.observables = observables;
  const unmapped = flattenUnmapped(log, consumed);
  if (unmapped !== undefined) row.unmapped = unmapped;
  row.accountid = partition.accountId;
  row.region = partition.region;
  return { ok: true, source: 'waf', row: row as OcsfRow };
}

function mapMetadata(log: RawRecord, webAcl: string | undefined) {
  const product: Record<string, unknown> = { name: 'AWS WAF', vendor_name: 'AWS' };
  if (webAcl !== undefined) product.feature = { uid: webAcl };
  const version = takeString(log, 'formatVersion', 'formatVersion', consumed);
  if (version !== undefined) product.version = version;
  const metadata: Record<string, unknown> = { product, profiles: PROFILES, version: '1.1.0' };
  const labels = mapLabels(log.labels);
  if (labels !== undefined) metadata.labels = labels;
  return metadata;
}

/** `labels[].name`; taken out of `unmapped` only when every label is a name. */
function mapLabels(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const names: string[] = [];
  for (const label of raw) {
    const name = asRecord(label)?.name;
    if (typeof name === 'string') names.push(name);
  }
  if (names.length === raw.length) consumed.add(raw.length === 0 ? 'labels' : 'labels[].name');
  return names.length > 0 ? names : undefined;
}

function mapSource(log: RawRecord, request: RawRecord | undefined) {
  const source: { svc_name?: string; uid?: string; ip?: string; location?: { country: string } } = {};
  const service = takeString(log, 'httpSourceName', 'httpSourceName', consumed);
  if (service !== undefined) source.svc_name = service;
  const uid = takeString(log, 'httpSourceId', 'httpSourceId', consumed);
  if (uid !== undefined) source.uid = uid;
  const ip = takeString(request, 'clientIp', 'httpRequest.clientIp', consumed);
  if (ip !== undefined) source.ip = ip;
  const country = takeString(request, 'country', 'httpRequest.country', consumed);
  if (country !== undefined) source.location = { country };
  return nonEmpty(source);
}

let lastArn: string | undefined;
let lastPlace: { accountId: string | undefined; region: string | undefined } = {
  accountId: undefined,
  region: undefined,
};

/** A log file holds one web ACL's requests, so the last ARN's answer is kept rather than split again. */
function webAclPlace(arn: string | undefined): { accountId: string | undefined; region: string | undefined } {
  if (arn === lastArn) return lastPlace;
  const parts = arn?.split(':');
  const region = parts?.[0] === 'arn' ? parts[3] : undefined;
  const accountId = parts?.[0] === 'arn' ? parts[4] : undefined;
  lastArn = arn;
  lastPlace = { accountId: accountId || undefined, region: region || undefined };
  return lastPlace;
}
