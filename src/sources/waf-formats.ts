// AWS WAF v2 logs as WAF delivers them to S3 (`AWSLogs/<account>/WAFLogs/<region>/<web-acl>/…`), Firehose or
// CloudWatch Logs: one JSON request per line. A request names its web ACL, whose ARN holds the account and
// region; the delivery path is attached as well, for logs whose ARN is missing.

import { attachOrigin, deliveryOrigin } from './delivery-path.ts';
import { describeKeys, type FormatReader, isJsonObject, type JsonObject, type RecordSink } from './format-reader.ts';
import { acceptWhen, jsonLinesFormat, type ObjectHandler } from './json-records.ts';

export function isWafRequest(value: JsonObject): boolean {
  return (
    isJsonObject(value.httpRequest) &&
    (Object.hasOwn(value, 'webaclId') || Object.hasOwn(value, 'terminatingRuleId') || Object.hasOwn(value, 'action'))
  );
}

const acceptRequest = (sink: RecordSink): ObjectHandler => {
  const origin = deliveryOrigin(sink.file);
  return acceptWhen(
    sink,
    isWafRequest,
    (value) =>
      `not an AWS WAF log record: no httpRequest object with webaclId, terminatingRuleId or action (${describeKeys(value)})`,
    (value) => attachOrigin(value, origin),
  );
};

export const WAF_FORMATS: readonly FormatReader[] = [jsonLinesFormat('waf-lines', 'waf', isWafRequest, acceptRequest)];
