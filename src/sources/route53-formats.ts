// Route 53 Resolver query logs as Resolver delivers them to S3, Firehose or CloudWatch Logs: one JSON query
// per line. Each query names its own account and region, so no delivery path is needed.

import { describeKeys, type FormatReader, type JsonObject, type RecordSink } from './format-reader.ts';
import { acceptWhen, jsonLinesFormat, type ObjectHandler } from './json-records.ts';

/** Panther's trimmed fixtures drop most fields, but every query keeps its name and time. */
export function isResolverQuery(value: JsonObject): boolean {
  return Object.hasOwn(value, 'query_name') && Object.hasOwn(value, 'query_timestamp');
}

const acceptQuery = (sink: RecordSink): ObjectHandler =>
  acceptWhen(
    sink,
    isResolverQuery,
    (value) => `not a Route 53 Resolver query: no query_name with query_timestamp (${describeKeys(value)})`,
  );

export const ROUTE53_FORMATS: readonly FormatReader[] = [
  jsonLinesFormat('route53-resolver-lines', 'route53', isResolverQuery, acceptQuery),
];
