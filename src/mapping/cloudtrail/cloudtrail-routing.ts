// Which Security Lake table a CloudTrail record belongs to. Security Lake collects management events and
// the data events of S3 and Lambda; anything else is refused with a reason (it goes to the dead-letter area).

import type { NativeSource } from '../native-sources.ts';
import type { RawRecord } from './raw-fields.ts';

export type Route =
  | { readonly ok: true; readonly source: NativeSource; readonly isDataEvent: boolean }
  | { readonly ok: false; readonly reason: string };

const MANAGEMENT: Route = { ok: true, source: 'cloud_trail_mgmt', isDataEvent: false };
const S3_DATA: Route = { ok: true, source: 's3_data', isDataEvent: true };
const LAMBDA_DATA: Route = { ok: true, source: 'lambda_execution', isDataEvent: true };
const INSIGHT: Route = {
  ok: false,
  reason: 'CloudTrail Insights event: Security Lake does not collect Insights events',
};

export function routeEvent(event: RawRecord): Route {
  const category = event.eventCategory;
  if (category === 'Management') return MANAGEMENT;
  if (category === 'Data') return routeDataEvent(event.eventSource);
  if (category === 'Insight') return INSIGHT;
  if (category !== undefined && category !== null) {
    return {
      ok: false,
      reason: `eventCategory ${JSON.stringify(category)} is not collected by Security Lake (it takes Management events and S3/Lambda Data events)`,
    };
  }
  // Records older than eventCategory (eventVersion < 1.07) only say managementEvent, if anything.
  if (event.eventType === 'AwsCloudTrailInsight') return INSIGHT;
  const management = event.managementEvent;
  return management === false || management === 'false' ? routeDataEvent(event.eventSource) : MANAGEMENT;
}

function routeDataEvent(eventSource: unknown): Route {
  if (eventSource === 's3.amazonaws.com') return S3_DATA;
  if (eventSource === 'lambda.amazonaws.com') return LAMBDA_DATA;
  const from = typeof eventSource === 'string' ? `of ${eventSource}` : 'without an eventSource';
  return { ok: false, reason: `data event ${from}: Security Lake collects data events of S3 and Lambda only` };
}
