// EKS audit logs: Kubernetes audit events (`audit.k8s.io/v1` Event) one per line, and the forms CloudWatch
// Logs hands them out in, where each log event's `message` holds the audit event as JSON text: log events
// one per line (Firehose, Logs Insights exports), subscription messages (`logEvents[]` with the account in
// `owner`), and `aws logs filter-log-events` / `get-log-events` output (`{"events":[...]}`). Audit events name
// no account or region: the reader attaches the delivery path's, and a subscription message's `owner`.

import { attachOrigin, type DeliveryOrigin, deliveryOrigin } from './delivery-path.ts';
import {
  describeJson,
  describeKeys,
  type FormatReader,
  isJsonObject,
  type JsonObject,
  type RecordSink,
  rawJson,
} from './format-reader.ts';
import { jsonErrorReason } from './json-error-position.ts';
import { acceptWhen, jsonArrayFormat, jsonLinesFormat, type ObjectHandler } from './json-records.ts';

export function isAuditEvent(value: JsonObject): boolean {
  const apiVersion = value.apiVersion;
  if (value.kind === 'Event' && typeof apiVersion === 'string' && apiVersion.startsWith('audit.k8s.io/')) return true;
  return Object.hasOwn(value, 'auditID') && Object.hasOwn(value, 'verb');
}

function notAnEvent(value: JsonObject): string {
  return `not a Kubernetes audit event: no audit.k8s.io Event kind, nor auditID with verb (${describeKeys(value)})`;
}

/** The audit event a CloudWatch log event's message holds, or why it holds none. */
function messageEvent(logEvent: JsonObject): JsonObject | string {
  const text = logEvent.message;
  if (typeof text !== 'string') return `CloudWatch log event has no message string (${describeKeys(logEvent)})`;
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    return `message does not parse: ${jsonErrorReason(error, text)}`;
  }
  if (!isJsonObject(event)) return `message is ${describeJson(event)}, not a JSON object`;
  return isAuditEvent(event) ? event : `message is ${notAnEvent(event)}`;
}

const holdsAuditEvent = (logEvent: unknown): boolean =>
  isJsonObject(logEvent) && typeof messageEvent(logEvent) !== 'string';

function isSubscriptionMessage(value: JsonObject): value is JsonObject & { logEvents: unknown[] } {
  return value.messageType === 'DATA_MESSAGE' && Array.isArray(value.logEvents);
}

const acceptEvent = (sink: RecordSink): ObjectHandler => {
  const origin = deliveryOrigin(sink.file);
  return acceptWhen(sink, isAuditEvent, notAnEvent, (value) => attachOrigin(value, origin));
};

const acceptLogEvent = (sink: RecordSink): ObjectHandler => {
  const origin = deliveryOrigin(sink.file);
  return (value, record) => {
    if (!isSubscriptionMessage(value)) return acceptMessage(sink, value, record, origin);
    const owner = typeof value.owner === 'string' && value.owner !== '' ? value.owner : undefined;
    const messageOrigin = owner === undefined ? origin : { ...origin, accountId: owner };
    // The log events of one subscription message share its line; a bad one is rejected alone.
    value.logEvents.forEach((logEvent, index) => {
      const reason = isJsonObject(logEvent)
        ? acceptMessage(sink, logEvent, record, messageOrigin)
        : `is ${describeJson(logEvent)}, not an object`;
      if (reason !== undefined) {
        sink.reject(record, `log event ${index + 1} of ${value.logEvents.length}: ${reason}`, rawJson(logEvent));
      }
    });
  };
};

function acceptMessage(
  sink: RecordSink,
  logEvent: JsonObject,
  record: number,
  origin: DeliveryOrigin | undefined,
): string | undefined {
  const event = messageEvent(logEvent);
  if (typeof event === 'string') return event;
  sink.accept(record, attachOrigin(event, origin));
}

export const EKS_FORMATS: readonly FormatReader[] = [
  jsonLinesFormat('eks-audit-lines', 'eks_audit', isAuditEvent, acceptEvent),
  jsonLinesFormat(
    'eks-audit-cloudwatch-lines',
    'eks_audit',
    (first) => (isSubscriptionMessage(first) ? holdsAuditEvent(first.logEvents[0]) : holdsAuditEvent(first)),
    acceptLogEvent,
  ),
  jsonArrayFormat(
    'eks-audit-cloudwatch-events',
    'eks_audit',
    'events',
    acceptLogEvent,
    (document) => Array.isArray(document.events) && holdsAuditEvent(document.events[0]),
  ),
];
