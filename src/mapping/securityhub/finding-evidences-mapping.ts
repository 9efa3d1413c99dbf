// GuardDuty findings carry what was observed in flat `ProductFields` keys (`aws/guardduty/service/action/
// awsApiCallAction/api`, …). Security Lake gathers them into one `evidences[]` entry of a Detection
// Finding: the API call, the remote endpoint, the DNS query and the runtime process.

import type { AsffReader } from './asff-field-reader.ts';
import { compact, type Struct } from './struct-compaction.ts';

const SERVICE = 'aws/guardduty/service/';
const API_CALL = `${SERVICE}action/awsApiCallAction/`;
const KUBERNETES_CALL = `${SERVICE}action/kubernetesApiCallAction/`;
const DNS_REQUEST = `${SERVICE}action/dnsRequestAction/`;
const PROCESS = `${SERVICE}runtimeDetails/process/`;

export function mapEvidences(finding: AsffReader): Struct[] | undefined {
  const fields = finding.at('ProductFields');
  const evidence = compact({
    data: fields.text(`${SERVICE}additionalInfo/value`),
    api: apiCall(fields),
    src_endpoint:
      remoteEndpoint(fields, `${API_CALL}remoteIpDetails/`) ??
      remoteEndpoint(fields, `${KUBERNETES_CALL}remoteIpDetails/`),
    query: dnsQuery(fields),
    connection_info: dnsConnection(fields),
    actor: runtimeActor(fields),
  });
  return evidence === undefined ? undefined : [evidence];
}

// OCSF requires api.operation: without it the service name and error code stay in `unmapped`.
function apiCall(fields: AsffReader): Struct | undefined {
  const operation = fields.text(`${API_CALL}api`) ?? fields.text(`${KUBERNETES_CALL}verb`);
  if (operation === undefined) return undefined;
  return compact({
    operation,
    service: compact({ name: fields.text(`${API_CALL}serviceName`) }),
    response: compact({ error: fields.text(`${API_CALL}errorCode`) }),
  });
}

function remoteEndpoint(fields: AsffReader, prefix: string): Struct | undefined {
  const ip = fields.text(`${prefix}ipAddressV4`);
  if (ip === undefined) return undefined;
  return compact({
    ip,
    location: compact({
      country: fields.text(`${prefix}country/countryName`),
      city: fields.text(`${prefix}city/cityName`),
      coordinates: coordinates(fields, `${prefix}geoLocation/`),
    }),
  });
}

/** GeoJSON order, longitude first; one half of the pair alone is no position and stays in `unmapped`. */
function coordinates(fields: AsffReader, prefix: string): number[] | undefined {
  const probe = fields.detached();
  const longitude = probe.decimal(`${prefix}lon`);
  const latitude = probe.decimal(`${prefix}lat`);
  if (longitude === undefined || latitude === undefined) return undefined;
  fields.take(`${prefix}lon`);
  fields.take(`${prefix}lat`);
  return [longitude, latitude];
}

function dnsQuery(fields: AsffReader): Struct | undefined {
  const hostname = fields.text(`${DNS_REQUEST}domainWithSuffix`) ?? fields.text(`${DNS_REQUEST}domain`);
  return hostname === undefined ? undefined : { hostname };
}

// OCSF requires direction_id on a connection; GuardDuty's DNS action does not say one, so it is Unknown (0).
function dnsConnection(fields: AsffReader): Struct | undefined {
  const protocol = fields.text(`${DNS_REQUEST}protocol`);
  return protocol === undefined ? undefined : { protocol_name: protocol, direction_id: 0, direction: 'Unknown' };
}

// The process `euid` has a Glue column but belongs to OCSF's linux extension, which the core 1.1.0 schema
// does not define; it stays in `unmapped`.
function runtimeActor(fields: AsffReader): Struct | undefined {
  const path = fields.text(`${PROCESS}executablePath`);
  const hash = path === undefined ? undefined : fields.text(`${PROCESS}executableSha256`);
  const process = compact({
    name: fields.text(`${PROCESS}name`),
    pid: fields.integer(`${PROCESS}pid`),
    uid: fields.text(`${PROCESS}uuid`),
    created_time_dt: fields.time(`${PROCESS}startTime`)?.iso,
    user: compact({ name: fields.text(`${PROCESS}user`), uid: fields.text(`${PROCESS}userId`) }),
    parent_process: compact({ uid: fields.text(`${PROCESS}parentUuid`) }),
    file: path === undefined ? undefined : executable(path, hash),
  });
  return process === undefined ? undefined : { process };
}

// OCSF requires a file's name and type: the name is the path's last segment, the type a regular file (1).
function executable(path: string, sha256: string | undefined): Struct {
  const file: Struct = { path, name: path.split('/').at(-1) || path, type_id: 1 };
  if (sha256 !== undefined) file.hashes = [{ value: sha256, algorithm_id: 3, algorithm: 'SHA-256' }];
  return file;
}
