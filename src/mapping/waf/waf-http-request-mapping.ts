// `http_request` from WAF's `httpRequest`: the request line, and its headers. The headers OCSF names a
// field for (Host, User-Agent, X-Forwarded-For, Referer) fill that field too; `http_headers` keeps every
// header as it was sent, the named ones included, as Security Lake does (reference §4 "WAF v2").

import { asRecord, nonEmpty, type RawRecord, takeString } from '../record-fields.ts';
import type { ConsumedPaths } from '../unmapped-flattener.ts';

export interface WafHttpRequest {
  url?: { path?: string; hostname?: string };
  version?: string;
  http_method?: string;
  uid?: string;
  args?: string;
  http_headers?: { name: string; value: string }[];
  user_agent?: string;
  x_forwarded_for?: string[];
  referrer?: string;
}

type NamedHeader = 'host' | 'user_agent' | 'x_forwarded_for' | 'referrer';

/** Header names are case-insensitive; the usual spellings are keys too, so most lookups fold no case. */
const NAMED_HEADERS = new Map<string, NamedHeader>();
for (const [name, field] of [
  ['Host', 'host'],
  ['User-Agent', 'user_agent'],
  ['X-Forwarded-For', 'x_forwarded_for'],
  ['Referer', 'referrer'],
] as const) {
  NAMED_HEADERS.set(name, field);
  NAMED_HEADERS.set(name.toLowerCase(), field);
}

export function mapHttpRequest(request: RawRecord | undefined, consumed: ConsumedPaths): WafHttpRequest | undefined {
  if (request === undefined) return undefined;
  const out: WafHttpRequest = {};
  const url: { path?: string; hostname?: string } = {};
  const path = takeString(request, 'uri', 'httpRequest.uri', consumed);
  if (path !== undefined) url.path = path;
  const version = takeString(request, 'httpVersion', 'httpRequest.httpVersion', consumed);
  if (version !== undefined) out.version = version;
  const method = takeString(request, 'httpMethod', 'httpRequest.httpMethod', consumed);
  if (method !== undefined) out.http_method = method;
  const uid = takeString(request, 'requestId', 'httpRequest.requestId', consumed);
  if (uid !== undefined) out.uid = uid;
  const args = takeString(request, 'args', 'httpRequest.args', consumed);
  if (args !== undefined) out.args = args;
  const hostname = mapHeaders(request.headers, out, consumed);
  if (hostname !== undefined) url.hostname = hostname;
  if (nonEmpty(url) !== undefined) out.url = url;
  return nonEmpty(out);
}

/** Fills the header fields of `out`; returns the Host header. The first of a repeated named header wins. */
function mapHeaders(raw: unknown, out: WafHttpRequest, consumed: ConsumedPaths): string | undefined {
  if (!Array.isArray(raw)) return undefined;
  let host: string | undefined;
  let whole = true;
  for (const item of raw) {
    const header = asRecord(item);
    const name = header?.name;
    const value = header?.value;
    if (typeof name !== 'string' || typeof value !== 'string') {
      whole = false;
      continue;
    }
    const field = NAMED_HEADERS.get(name) ?? NAMED_HEADERS.get(name.toLowerCase());
    if (field === 'host' && host === undefined) host = value;
    else if (field === 'user_agent' && out.user_agent === undefined) out.user_agent = value;
    else if (field === 'referrer' && out.referrer === undefined) out.referrer = value;
    else if (field === 'x_forwarded_for' && out.x_forwarded_for === undefined) out.x_forwarded_for = addresses(value);
    out.http_headers ??= [];
    out.http_headers.push({ name, value });
  }
  // A header that is not a name and a value is not taken, so the whole list stays in `unmapped`.
  if (whole) consumed.add('httpRequest.headers');
  return host;
}

/** `client, proxy1, proxy2` as the list of addresses it names. */
function addresses(value: string): string[] {
  const list: string[] = [];
  for (const part of value.split(',')) {
    const address = part.trim();
    if (address !== '') list.push(address);
  }
  return list;
}
