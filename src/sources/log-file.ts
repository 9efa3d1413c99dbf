// What reading one input file yields: its records, in order, or the reasons it could not be read.

import type { ArchiveKind } from './archive-detection.ts';

export type LogFormat =
  | 'cloudtrail-delivery' // {"Records":[...]} as CloudTrail delivers to S3, gzipped or not
  | 'cloudtrail-lines' // one CloudTrail event per line
  | 'cloudtrail-lookup' // `aws cloudtrail lookup-events` output, CloudTrailEvent as a JSON string
  | 'cloudtrail-console-csv' // the console's Event history "Download events" CSV, whole events in "CloudTrail event"
  | 'cloudtrail-lake-csv' // CloudTrail Lake query results saved to S3 (result_N.csv.gz), one event a row
  | 'cloudtrail-lake-query-results' // `aws cloudtrail get-query-results` output, {"QueryResultRows":[...]}
  | 'asff-eventbridge' // EventBridge "Security Hub Findings - Imported" envelopes, one per line
  | 'asff-get-findings' // `aws securityhub get-findings` output, {"Findings":[...]}
  | 'asff-lines' // one bare ASFF finding per line, as Panther's test data holds them
  | 'guardduty-eventbridge' // EventBridge "GuardDuty Finding" events, one per line
  | 'guardduty-get-findings' // `aws guardduty get-findings` output, {"Findings":[...]} in GuardDuty's own format
  | 'guardduty-lines' // one bare GuardDuty finding per line, as Panther's test data holds them
  | 'vpc-flow-text' // VPC flow logs as delivered to S3: a header line naming the fields, then space-separated records
  | 'vpc-flow-lines' // VPC flow records parsed to JSON, one per line, as Panther's test data holds them
  | 'vpc-flow-parquet' // VPC flow logs delivered with FileFormat=parquet, one column per field
  | 'route53-resolver-lines' // Route 53 Resolver query logs, one query per line
  | 'waf-lines' // AWS WAF v2 logs, one request per line
  | 'eks-audit-lines' // Kubernetes audit events of EKS, one per line
  | 'eks-audit-cloudwatch-lines' // CloudWatch log events (or subscription messages) holding audit events as text
  | 'eks-audit-cloudwatch-events'; // `aws logs filter-log-events` output, {"events":[...]}

/** The kind of raw record a format carries, which picks the mapping. */
export type RecordKind = 'cloudtrail' | 'asff' | 'vpcflow' | 'route53' | 'waf' | 'eks_audit' | 'guardduty';

export interface RawRecord {
  /**
   * 1-based position of the record in the file: the line for line formats, the array index otherwise.
   * The findings of one EventBridge envelope share its line; a reject names the finding within it in its reason.
   */
  readonly record: number;
  readonly value: Record<string, unknown>;
}

export interface Reject {
  readonly file: string;
  /** 1-based record position, or null when the whole file is rejected. */
  readonly record: number | null;
  readonly reason: string;
  /** The raw text (or a prefix of it) kept in the dead-letter area, when there is any. */
  readonly raw?: string;
}

/**
 * Takes each record as the reader accepts it, so that a record can be mapped and dropped before the next is
 * parsed; the read then holds no records of its own.
 */
export interface RecordConsumer {
  add(record: RawRecord): void;
  /** Drops every record added so far: the reader starts the file over. */
  discard(): void;
}

/** Called once the file's format is known, before its first record, to choose where its records go. */
export type ConsumerStart = (file: string, kind: RecordKind, invalidUtf8: number) => RecordConsumer;

export interface LogFileRead {
  readonly file: string;
  readonly format: LogFormat | null;
  readonly kind: RecordKind | null;
  readonly records: readonly RawRecord[];
  readonly rejects: readonly Reject[];
  /** Byte sequences that were not UTF-8, read as U+FFFD; absent when there were none. */
  readonly invalidUtf8?: number;
  /** With `archives` read: the gzip held this archive, which was not read (no records, no rejects). */
  readonly archive?: ArchiveKind;
}
