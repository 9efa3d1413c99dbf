// `api`: the call itself. Request parameters and response elements are stored as compact JSON text, as
// Security Lake does (queries read them with json_extract_scalar).

import { type ConsumedPaths, nonEmpty, type RawRecord, takeJsonText, takeText } from './raw-fields.ts';

interface ApiResponse {
  error?: string;
  message?: string;
  data?: string;
}

interface ApiRequest {
  uid?: string;
  data?: string;
}

export interface OcsfApi {
  operation: string;
  version?: string;
  service?: { name: string };
  request?: ApiRequest;
  response?: ApiResponse;
}

/** `eventName` has been read by the caller, which needs it before anything else to choose the class. */
export function mapApi(event: RawRecord, eventName: string, consumed: ConsumedPaths): OcsfApi {
  const api: OcsfApi = { operation: eventName };
  const version = takeText(event, 'apiVersion', 'apiVersion', consumed);
  if (version !== undefined) api.version = version;
  const service = takeText(event, 'eventSource', 'eventSource', consumed);
  if (service !== undefined) api.service = { name: service };
  // OCSF requires request.uid, so without a requestID the parameters stay in `unmapped`; but records from
  // before CloudTrail wrote a requestID or an eventID (2014 and earlier) keep them in `request.data`, as
  // Security Lake does, without the uid: detections read resources there.
  const request: ApiRequest = {};
  const requestId = takeText(event, 'requestID', 'requestID', consumed);
  if (requestId !== undefined) request.uid = requestId;
  const early = requestId === undefined && event.eventID === undefined;
  const parameters = requestId !== undefined || early ? takeJsonText(event, 'requestParameters', consumed) : undefined;
  if (parameters !== undefined) request.data = parameters;
  if (requestId !== undefined || parameters !== undefined) api.request = request;
  const response: ApiResponse = {};
  const error = takeText(event, 'errorCode', 'errorCode', consumed);
  if (error !== undefined) response.error = error;
  const message = takeText(event, 'errorMessage', 'errorMessage', consumed);
  if (message !== undefined) response.message = message;
  const data = takeJsonText(event, 'responseElements', consumed);
  if (data !== undefined) response.data = data;
  const filled = nonEmpty(response);
  if (filled !== undefined) api.response = filled;
  return api;
}
