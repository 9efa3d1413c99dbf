// OCSF datetimes (`datetime_t`) are RFC 3339 text with any offset, or Parquet timestamps read back as text. The
// lake stores them as UTC timestamps, as Security Lake stores `time_dt`, so that they compare as times in
// queries; the text given here is what DuckDB reads into a TIMESTAMP column. Microseconds are kept, DuckDB's
// precision. An event without `time_dt` gets the one `time` gives: Security Lake's rows always have both.

import type { OcsfAttribute, OcsfEntity, OcsfSchema } from './ocsf-schema.ts';
import { mapOcsfValues } from './ocsf-value-walk.ts';

export type UtcDatetimesOutcome = { readonly event: Record<string, unknown> } | { readonly reason: string };

/** `2024-03-10T14:00:01.5+02:00`, `2024-03-10 12:00:01.123456+00` (DuckDB's), or no offset for UTC. */
const DATETIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s*(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const MICROSECOND_DIGITS = 6;

export function withUtcDatetimes(
  schema: OcsfSchema,
  cls: OcsfEntity,
  event: Record<string, unknown>,
): UtcDatetimesOutcome {
  const problems: string[] = [];
  const toUtc = (attribute: OcsfAttribute, value: unknown, path: string): unknown => {
    if (attribute.type !== 'datetime_t') return value;
    const utc = typeof value === 'string' ? utcTimestampText(value) : null;
    if (utc === null) problems.push(`${path} ${JSON.stringify(value)} is not an RFC 3339 date-time`);
    return utc ?? value;
  };
  const utc = mapOcsfValues(schema, cls, event, toUtc);
  // A schema export whose class lacks time_dt would then call the event invalid.
  const given = (utc.time_dt !== undefined && utc.time_dt !== null) || cls.attributes.time_dt === undefined;
  const derived = given ? null : timestampText(utc.time as number, true);
  if (!given && derived === null) problems.push(`time ${String(utc.time)} is outside the years 0000-9999`);
  if (problems.length > 0) return { reason: problems.join('; ') };
  return { event: derived === null ? utc : withTimeDt(utc, derived) };
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, or null when the text is not a date-time. */
export function utcTimestampText(text: string): string | null {
  const match = DATETIME.exec(text);
  if (match === null) return null;
  const [, date, time, fraction, sign, hours = '0', minutes = '0'] = match;
  const local = `${date}T${time}`;
  const instant = Date.parse(`${local}Z`);
  // Date.parse rolls 2024-02-30 over into March; a date that does not print back as given does not exist.
  if (Number.isNaN(instant) || new Date(instant).toISOString().slice(0, 19) !== local) return null;
  if (Number(hours) > 23 || Number(minutes) > 59) return null;
  const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  const seconds = timestampText(instant - offset, false);
  if (seconds === null) return null;
  return fraction === undefined ? seconds : `${seconds}.${fraction.slice(0, MICROSECOND_DIGITS)}`;
}

/** Keys keep their order, `time_dt` right after `time`, as an event written by hand would have it. */
function withTimeDt(event: Record<string, unknown>, timeDt: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'time_dt') continue;
    out[key] = value;
    if (key === 'time') out.time_dt = timeDt;
  }
  return out;
}

/** Null outside years 0000-9999, which neither RFC 3339 nor the text DuckDB reads can hold. */
function timestampText(millis: number, withMillis: boolean): string | null {
  const date = new Date(millis);
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return /^\d{4}-/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, withMillis ? 23 : 19)}` : null;
}
