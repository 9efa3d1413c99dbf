// A row of a CloudTrail Lake query (`SELECT *` over an event data store) back into the CloudTrail event it
// was stored from. Every cell arrives as text: structs, maps and arrays as JSON or as Trino's `{key=value}`
// text (whose keys may be lower-cased), flags as "true"/"false", missing values as empty or "null". Fields
// are renamed to CloudTrail's spelling so that the row maps exactly as the delivered event would.

import type { JsonObject } from './format-reader.ts';
import { parseRowValueText, type RowValue } from './row-value-text.ts';

/** Without these a row is a projection, not an event: the mapping could place it nowhere. */
const REQUIRED = ['eventTime', 'eventName', 'eventSource'] as const;

/** Booleans in CloudTrail's JSON. */
const FLAGS = new Set(['readOnly', 'managementEvent']);

/** CloudTrail's names of the fields a row may spell in lower case, top-level and nested. */
const FIELD_NAMES = new Map(
  [
    ...['eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress'],
    ...['userAgent', 'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'additionalEventData'],
    ...['requestID', 'eventID', 'readOnly', 'resources', 'eventType', 'apiVersion', 'managementEvent'],
    ...['recipientAccountId', 'sharedEventID', 'annotation', 'vpcEndpointId', 'vpcEndpointAccountId'],
    ...['serviceEventDetails', 'eventCategory', 'addendum', 'tlsDetails', 'tlsVersion', 'cipherSuite'],
    ...['clientProvidedHostHeader', 'sessionCredentialFromConsole', 'edgeDeviceDetails', 'insightDetails'],
    ...['principalId', 'accountId', 'accessKeyId', 'userName', 'sessionContext', 'attributes', 'creationDate'],
    ...['mfaAuthenticated', 'sessionIssuer', 'webIdFederationData', 'federatedProvider', 'sourceIdentity'],
    ...['ec2RoleDelivery', 'assumedRoot', 'invokedBy', 'identityProvider', 'credentialId', 'onBehalfOf'],
    ...['userId', 'identityStoreArn', 'inScopeOf', 'issuerType', 'credentialsIssuedTo'],
  ].map((name) => [name.toLowerCase(), name]),
);

/** The event a row holds, or the reason it holds none. */
export function lakeRowEvent(cells: Iterable<readonly [string, unknown]>): JsonObject | string {
  const event: JsonObject = {};
  const columns: string[] = [];
  for (const [column, cell] of cells) {
    columns.push(column);
    const key = fieldName(column);
    const value = cellValue(key, cell);
    if (value === UNREADABLE) {
      return `column ${column} is neither JSON nor {key=value} text: ${JSON.stringify(String(cell).slice(0, 60))}`;
    }
    if (value !== undefined && value !== null) event[key] = value;
  }
  const missing = REQUIRED.filter((name) => event[name] === undefined);
  if (missing.length === 0) return event;
  const present = new Set(columns.map(fieldName));
  const empty = missing.filter((name) => present.has(name));
  const absent = missing.filter((name) => !present.has(name));
  const why = [
    ...(absent.length > 0 ? [`no ${absent.join(', ')} column (columns ${columns.slice(0, 8).join(', ')})`] : []),
    ...(empty.length > 0 ? [`${empty.join(', ')} empty`] : []),
  ];
  return `not enough of a CloudTrail event: ${why.join('; ')}`;
}

const UNREADABLE = Symbol('unreadable');

function cellValue(key: string, cell: unknown): unknown {
  if (typeof cell !== 'string') return cell;
  if (cell === '' || cell === 'null') return undefined;
  if (FLAGS.has(key) && (cell === 'true' || cell === 'false')) return cell === 'true';
  const opening = cell[0];
  if (opening !== '{' && opening !== '[') return cell;
  try {
    return JSON.parse(cell);
  } catch {
    const value = parseRowValueText(cell);
    return value === undefined ? UNREADABLE : renamed(value, key);
  }
}

/**
 * Restores CloudTrail's spelling of lower-cased keys (`resources` entries spell their ARN in capitals) and
 * drops null struct fields: a Lake struct has every field of its type, the event only those it had.
 */
function renamed(value: RowValue, parent: string): RowValue {
  if (Array.isArray(value)) return value.map((item) => renamed(item, parent));
  if (value === null || typeof value === 'string') return value;
  const out: { [key: string]: RowValue } = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue;
    const name = parent === 'resources' && key === 'arn' ? 'ARN' : fieldName(key);
    out[name] = renamed(item, name);
  }
  return out;
}

function fieldName(name: string): string {
  return name === name.toLowerCase() ? (FIELD_NAMES.get(name) ?? name) : name;
}
