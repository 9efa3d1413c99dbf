// Security Hub findings (ASFF) as AWS hands them out: EventBridge envelopes, `get-findings` output, and bare
// findings one per line (Panther's test data).

import {
  describeJson,
  describeKeys,
  type FormatReader,
  isJsonObject,
  type JsonObject,
  type RecordSink,
  rawJson,
} from './format-reader.ts';
import { acceptWhen, jsonArrayFormat, jsonLinesFormat, type ObjectHandler } from './json-records.ts';

/** Imported findings and Custom Action findings both carry `detail.findings`. */
const ENVELOPE_DETAIL_TYPE = 'Security Hub Findings';

export function isAsffFinding(value: JsonObject): boolean {
  return (
    Object.hasOwn(value, 'SchemaVersion') ||
    Object.hasOwn(value, 'ProductArn') ||
    (Object.hasOwn(value, 'AwsAccountId') && Object.hasOwn(value, 'Types'))
  );
}

function notAFinding(value: JsonObject): string {
  return `not an ASFF finding: no SchemaVersion, ProductArn, or AwsAccountId with Types (${describeKeys(value)})`;
}

function envelopeFindings(value: JsonObject): unknown[] | undefined {
  const detailType = value['detail-type'];
  if (typeof detailType !== 'string' || !detailType.startsWith(ENVELOPE_DETAIL_TYPE)) return undefined;
  const findings = isJsonObject(value.detail) ? value.detail.findings : undefined;
  return Array.isArray(findings) ? findings : undefined;
}

const acceptFinding = (sink: RecordSink): ObjectHandler => acceptWhen(sink, isAsffFinding, notAFinding);

/** Every finding of an envelope takes the envelope's line; a bad one is rejected alone, named by its index. */
const acceptEnvelope =
  (sink: RecordSink): ObjectHandler =>
  (envelope, line) => {
    const findings = envelopeFindings(envelope);
    if (findings === undefined) {
      return `not a "${ENVELOPE_DETAIL_TYPE}" EventBridge envelope with detail.findings (${describeKeys(envelope)})`;
    }
    if (findings.length === 0) return 'EventBridge envelope holds no findings';
    findings.forEach((finding, index) => {
      const where = `finding ${index + 1} of ${findings.length} in the envelope`;
      if (!isJsonObject(finding))
        sink.reject(line, `${where} is ${describeJson(finding)}, not an object`, rawJson(finding));
      else if (!isAsffFinding(finding)) sink.reject(line, `${where} is ${notAFinding(finding)}`, rawJson(finding));
      else sink.accept(line, finding);
    });
  };

export const ASFF_FORMATS: readonly FormatReader[] = [
  jsonLinesFormat('asff-eventbridge', 'asff', (first) => envelopeFindings(first) !== undefined, acceptEnvelope),
  jsonArrayFormat('asff-get-findings', 'asff', 'Findings', acceptFinding),
  jsonLinesFormat('asff-lines', 'asff', isAsffFinding, acceptFinding),
];
