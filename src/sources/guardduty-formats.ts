// GuardDuty findings in GuardDuty's own format, for responders without Security Hub: EventBridge "GuardDuty
// Finding" events (one per line, as an EventBridge → Firehose → S3 pipeline with newline delimiters writes
// them), `aws guardduty get-findings` output, and bare findings one per line (Panther's test data). Each
// record is the finding itself, camelCase or PascalCase as it came. Registered before the ASFF formats: a
// GuardDuty finding has a SchemaVersion too, and only its `Type`/`Service` without a `ProductArn` tells it apart.

import {
  describeJson,
  describeKeys,
  type FormatReader,
  isJsonObject,
  type JsonObject,
  type RecordSink,
} from './format-reader.ts';
import { acceptWhen, jsonArrayFormat, jsonLinesFormat, type ObjectHandler } from './json-records.ts';

const DETAIL_TYPE = 'GuardDuty Finding';

/** `Purpose:ResourceType/ThreatFamily…`, the shape of every GuardDuty finding type. */
const FINDING_TYPE = /^\w+:\w+\/./;

/** A native finding in either casing: a GuardDuty finding type and a service block or a GuardDuty ARN. */
export function isGuardDutyFinding(value: JsonObject): boolean {
  if (Object.hasOwn(value, 'ProductArn')) return false;
  const type = value.type ?? value.Type;
  if (typeof type !== 'string' || !FINDING_TYPE.test(type)) return false;
  const arn = value.arn ?? value.Arn;
  return isJsonObject(value.service ?? value.Service) || (typeof arn === 'string' && arn.includes(':guardduty:'));
}

function notAFinding(value: JsonObject): string {
  return `not a GuardDuty finding: no finding type with a service block or GuardDuty ARN (${describeKeys(value)})`;
}

function isFindingEvent(value: JsonObject): boolean {
  return value['detail-type'] === DETAIL_TYPE && isJsonObject(value.detail);
}

function firstFinding(document: JsonObject): JsonObject | undefined {
  const findings = document.Findings;
  const first: unknown = Array.isArray(findings) ? findings.find(isJsonObject) : undefined;
  return isJsonObject(first) ? first : undefined;
}

const acceptFinding = (sink: RecordSink): ObjectHandler => acceptWhen(sink, isGuardDutyFinding, notAFinding);

const acceptEvent =
  (sink: RecordSink): ObjectHandler =>
  (event, line) => {
    if (event['detail-type'] !== DETAIL_TYPE) {
      return `not a "${DETAIL_TYPE}" EventBridge event (${describeKeys(event)})`;
    }
    const detail = event.detail;
    if (!isJsonObject(detail)) return `the "${DETAIL_TYPE}" event's detail is ${describeJson(detail)}`;
    if (!isGuardDutyFinding(detail)) return `the event's detail is ${notAFinding(detail)}`;
    sink.accept(line, detail);
  };

export const GUARDDUTY_FORMATS: readonly FormatReader[] = [
  jsonLinesFormat('guardduty-eventbridge', 'guardduty', isFindingEvent, acceptEvent),
  jsonArrayFormat('guardduty-get-findings', 'guardduty', 'Findings', acceptFinding, (document) => {
    const first = firstFinding(document);
    return first !== undefined && isGuardDutyFinding(first);
  }),
  jsonLinesFormat('guardduty-lines', 'guardduty', isGuardDutyFinding, acceptFinding),
];
