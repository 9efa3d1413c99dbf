// CloudTrail's eventTime, and the other time formats real exports carry: OTRF's Logstash export moved the
// time to `@timestamp`, Panther's fixtures write `2019-01-01 00:00:00.000000000`. A time without a zone is
// UTC (CloudTrail only writes UTC); anything that is not a calendar date-time is refused, never guessed.

import type { ConsumedPaths, RawRecord } from './raw-fields.ts';

export type EventTime = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

const ZERO = 48;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `eventTime`, else `@timestamp`; `@timestamp` is not consumed, so it stays in `unmapped` as the export wrote it. */
export function resolveEventTime(event: RawRecord, consumed: ConsumedPaths): EventTime {
  const eventTime = event.eventTime;
  if (eventTime !== undefined && eventTime !== null) {
    const ms = parseTimeValue(eventTime);
    if (ms === undefined) return { ok: false, reason: `eventTime ${quote(eventTime)} is not a date-time` };
    consumed.add('eventTime');
    return { ok: true, ms };
  }
  const timestamp = event['@timestamp'];
  if (timestamp !== undefined && timestamp !== null) {
    const ms = parseTimeValue(timestamp);
    if (ms === undefined) return { ok: false, reason: `@timestamp ${quote(timestamp)} is not a date-time` };
    return { ok: true, ms };
  }
  if (event.eventtime !== undefined) {
    return { ok: false, reason: 'record has no eventTime (its field names are lower-cased: eventtime)' };
  }
  return { ok: false, reason: 'record has no eventTime' };
}

/** `YYYY-MM-DD(T| )HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]` to epoch ms (fraction cut to ms); otherwise undefined. */
export function parseCloudTrailTime(text: string): number | undefined {
  const length = text.length;
  if (length < 19) return undefined;
  const sep = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32)) return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let pos = 19;
  let millis = 0;
  if (text.charCodeAt(pos) === 46) {
    const start = ++pos;
    while (pos < length && isDigit(text.charCodeAt(pos))) {
      if (pos - start < 3) millis = millis * 10 + text.charCodeAt(pos) - ZERO;
      pos++;
    }
    if (pos === start) return undefined;
    for (let n = pos - start; n < 3; n++) millis *= 10;
  }
  const offset = zoneOffsetMinutes(text, pos);
  if (offset === undefined) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function parseTimeValue(value: unknown): number | undefined {
  return typeof value === 'string' ? parseCloudTrailTime(value) : undefined;
}

function zoneOffsetMinutes(text: string, pos: number): number | undefined {
  const rest = text.length - pos;
  if (rest === 0) return 0;
  const code = text.charCodeAt(pos);
  if (code === 90 || code === 122) return rest === 1 ? 0 : undefined;
  if (code !== 43 && code !== 45) return undefined;
  const colon = rest === 6 && text.charCodeAt(pos + 3) === 58;
  if (!colon && rest !== 5) return undefined;
  const hours = digits(text, pos + 1, 2);
  const minutes = digits(text, colon ? pos + 4 : pos + 3, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  return (code === 45 ? -1 : 1) * (hours * 60 + minutes);
}

/** The number written by `count` digits from `start`, or -1 when one of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - ZERO;
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
