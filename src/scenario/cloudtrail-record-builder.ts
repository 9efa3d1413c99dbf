// One builder for every CloudTrail record the scenario writes, management or data, so all records
// share CloudTrail's field order and conventions; callers only describe the API call.

import { type Caller, isoSeconds } from './cloudtrail-identity.ts';
import type { SeededRandom } from './seeded-random.ts';

export type CloudTrailRecord = Record<string, unknown>;
export type JsonObject = Record<string, unknown>;

export interface CallError {
  readonly code: string;
  readonly message: string;
}

export interface TrailResource {
  readonly type: string;
  readonly ARN: string;
  readonly accountId?: string;
}

/** What was called and what came back; everything about the caller and the moment lives elsewhere. */
export interface ApiCall {
  readonly eventSource: string;
  readonly eventName: string;
  readonly readOnly: boolean;
  readonly requestParameters: JsonObject | null;
  readonly responseElements?: JsonObject | null;
  readonly additionalEventData?: JsonObject;
  readonly error?: CallError;
  readonly resources?: readonly TrailResource[];
  readonly eventType?: 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';
  /** Data events (S3 objects, Lambda Invoke) are billed and delivered as eventCategory Data. */
  readonly dataEvent?: boolean;
  /** S3 request ids are 16 upper-case characters rather than a uuid; sign-in events have none. */
  readonly requestIdStyle?: 'uuid' | 's3' | 'none';
  /** Cross-account calls (AssumeRole by a service) carry a sharedEventID in both accounts. */
  readonly shared?: boolean;
  /** The Host header the client sent; null for calls made inside AWS, which have no tlsDetails. */
  readonly host: string | null;
}

/** Where and when the call was recorded. */
export interface CallSite {
  readonly rng: SeededRandom;
  readonly timeMs: number;
  readonly region: string;
  readonly recipientAccountId: string;
}

const TLS = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' };
const EVENT_VERSION = '1.09';

export function buildRecord(site: CallSite, caller: Caller, call: ApiCall): CloudTrailRecord {
  const { rng } = site;
  const record: CloudTrailRecord = {
    eventVersion: EVENT_VERSION,
    userIdentity: caller.identity,
    eventTime: isoSeconds(site.timeMs),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: site.region,
    sourceIPAddress: caller.sourceIPAddress,
    userAgent: caller.userAgent,
  };
  if (call.error !== undefined) {
    record.errorCode = call.error.code;
    record.errorMessage = call.error.message;
  }
  record.requestParameters = call.requestParameters;
  record.responseElements = call.responseElements ?? null;
  if (call.additionalEventData !== undefined) record.additionalEventData = call.additionalEventData;
  const idStyle = call.requestIdStyle ?? 'uuid';
  if (idStyle !== 'none') record.requestID = idStyle === 's3' ? rng.upperAlnum(16) : rng.uuid();
  record.eventID = rng.uuid();
  record.readOnly = call.readOnly;
  if (call.resources !== undefined) record.resources = call.resources;
  record.eventType = call.eventType ?? 'AwsApiCall';
  record.managementEvent = call.dataEvent !== true;
  record.recipientAccountId = site.recipientAccountId;
  if (call.shared === true) record.sharedEventID = rng.uuid();
  record.eventCategory = call.dataEvent === true ? 'Data' : 'Management';
  if (call.host !== null) record.tlsDetails = { ...TLS, clientProvidedHostHeader: call.host };
  if (caller.fromConsole === true) record.sessionCredentialFromConsole = 'true';
  return record;
}

/** The Host header an SDK sends to a regional endpoint. */
export function regionalHost(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

/** The AccessDenied message IAM-authorized services return, naming the caller's ARN. */
export function accessDenied(caller: Caller, action: string, resource: string): CallError {
  const arn = String(caller.identity.arn ?? '');
  return {
    code: 'AccessDenied',
    message: `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  };
}

/** EC2's failure for a denied call: a fixed sentence plus an opaque encoded message. */
export function ec2Unauthorized(rng: SeededRandom): CallError {
  return {
    code: 'Client.UnauthorizedOperation',
    message: `You are not authorized to perform this operation. Encoded authorization failure message: ${rng.alnum(180)}`,
  };
}
