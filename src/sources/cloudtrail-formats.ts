// CloudTrail as AWS hands it out: S3 delivery files, single events per line, and `lookup-events` output.

import {
  describeJson,
  describeKeys,
  type FormatReader,
  isJsonObject,
  type JsonObject,
  type RecordSink,
} from './format-reader.ts';
import { jsonErrorReason } from './json-error-position.ts';
import { acceptWhen, jsonArrayFormat, jsonLinesFormat, type ObjectHandler } from './json-records.ts';

/** Trimmed test events keep only some fields, so any one of these marks a CloudTrail event. */
export function isCloudTrailEvent(value: JsonObject): boolean {
  return (
    Object.hasOwn(value, 'eventVersion') || Object.hasOwn(value, 'eventSource') || Object.hasOwn(value, 'eventName')
  );
}

function notAnEvent(value: JsonObject): string {
  return `not a CloudTrail event: no eventVersion, eventSource or eventName (${describeKeys(value)})`;
}

const acceptEvent = (sink: RecordSink): ObjectHandler => acceptWhen(sink, isCloudTrailEvent, notAnEvent);

/** The event held as JSON text by a field (`CloudTrailEvent` of lookup-events, a CSV column), or why not. */
export function eventFromText(text: string, field: string): JsonObject | string {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    return `${field} does not parse: ${jsonErrorReason(error, text)}`;
  }
  if (!isJsonObject(event)) return `${field} is ${describeJson(event)}, not a JSON object`;
  return isCloudTrailEvent(event) ? event : `${field} is ${notAnEvent(event)}`;
}

const acceptLookupEntry =
  (sink: RecordSink): ObjectHandler =>
  (entry, record) => {
    const text = entry.CloudTrailEvent;
    if (typeof text !== 'string') return `lookup-events entry has no CloudTrailEvent string (${describeKeys(entry)})`;
    const event = eventFromText(text, 'CloudTrailEvent');
    if (typeof event === 'string') return event;
    sink.accept(record, event);
  };

export const CLOUDTRAIL_FORMATS: readonly FormatReader[] = [
  jsonArrayFormat('cloudtrail-delivery', 'cloudtrail', 'Records', acceptEvent),
  jsonLinesFormat('cloudtrail-lines', 'cloudtrail', isCloudTrailEvent, acceptEvent),
  jsonArrayFormat('cloudtrail-lookup', 'cloudtrail', 'Events', acceptLookupEntry),
];
