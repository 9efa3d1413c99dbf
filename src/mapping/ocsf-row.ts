// What a mapping produces: one OCSF row shaped exactly like a Security Lake 2.0 table row.

import type { NativeSource } from './native-sources.ts';
import type { FlowLogStatus } from './vpcflow/flow-log-status.ts';

/**
 * A row as plain JSON: keys are the table's column names, nested objects are structs, absent values are
 * left out (never written as empty strings). Timestamp columns (`time_dt`, `*_time_dt`) hold ISO 8601
 * strings in UTC (`2024-03-10T12:01:02.345Z`); `time` is epoch milliseconds; `unmapped` is an object of
 * string values. The partition columns `region` and `accountid` are part of the row.
 */
export type OcsfRow = { readonly [column: string]: unknown };

/**
 * A row, or the reason there is none. A VPC flow NODATA or SKIPDATA record makes no row but is no error
 * either: `logStatus` says so, and the lake counts it instead of rejecting it.
 */
export type MapOutcome =
  | { readonly ok: true; readonly source: NativeSource; readonly row: OcsfRow }
  | { readonly ok: false; readonly reason: string; readonly logStatus?: FlowLogStatus };
