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

const DAY_MS = 86_400_000;
/** 0000-01-01 and 10000-01-01: toISOString writes the years between with four digits (others with six). */
const FOUR_DIGIT_YEARS_FROM = -62_167_219_200_000;
const FOUR_DIGIT_YEARS_UNTIL = 253_402_300_800_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
/** The day of the previous call and its `YYYY-MM-DDT`: a delivery file's events share a day or two. */
let lastDay = Number.NaN;
let lastDayText = '';

/**
 * `new Date(ms).toISOString()`. Every row writes one or two, and Date's formatting (in V8's runtime) was 4% of
 * a delivery file's reading: the date is now formatted once per day, and the time of day from digit tables.
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < FOUR_DIGIT_YEARS_FROM || ms >= FOUR_DIGIT_YEARS_UNTIL) {
    return new Date(ms).toISOString();
  }
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    lastDayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
    lastDay = day;
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return `${lastDayText}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes - hours * 60]}:${TWO_DIGITS[seconds - minutes * 60]}.${THREE_DIGITS[inDay - seconds * 1000]}Z`;
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
