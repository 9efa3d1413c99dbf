// Offline enrichment of source addresses with ASN, network owner and country, from the range files of
// @ip-location-db/asn (RouteViews and DB-IP, CC BY 4.0) and @ip-location-db/asn-country (NRO delegations):
// an investigation must not call out to a lookup service with the addresses it is looking into.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import { dirname, join } from 'node:path';

export interface IpEnrichment {
  readonly asn: number | null;
  readonly as_org: string | null;
  /** ISO 3166 code of the country where the announcing network is registered, not a geolocation. */
  readonly country: string | null;
  /** Why there is no owner (private, reserved, not an address, not in the data), or null when there is one. */
  readonly ip_note: string | null;
}

type Family = 4 | 6;

/**
 * Reads a range file's bytes. The files are searched in place (binary search over the sorted lines) rather
 * than parsed into tables: a report looks up a few dozen addresses, and parsing 30 MB of CSV cost seconds.
 */
export type ReadBytes = (path: string) => Buffer;

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Fields of one CSV line: numbers and codes are bare, the org is quoted when it holds a comma or quote. */
function csvFields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      fields.push(value);
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/** The line holding byte `offset`: its start and end (the newline's offset, or the file's end). */
function lineAround(bytes: Buffer, offset: number): { start: number; end: number } {
  const start = offset === 0 ? 0 : bytes.lastIndexOf(NEWLINE, offset - 1) + 1;
  const newline = bytes.indexOf(NEWLINE, start);
  return { start, end: newline === -1 ? bytes.length : newline };
}

/** The decimal number before the comma at `from`, and where its comma is. */
function numberAt(bytes: Buffer, from: number): { value: bigint; next: number } {
  const comma = bytes.indexOf(COMMA, from);
  return { value: BigInt(bytes.toString('latin1', from, comma)), next: comma + 1 };
}

/**
 * The fields of the range holding the address, or null. A few ranges overlap (a DoD block nests inside
 * another), so after the last range starting at or below the address we look back a little for one that
 * still reaches it.
 */
function find(bytes: Buffer, address: bigint): string[] | null {
  let low = 0;
  let high = bytes.length;
  let last: { start: number; end: number } | null = null;
  while (low < high) {
    const line = lineAround(bytes, (low + high) >>> 1);
    if (line.start >= line.end) {
      high = line.start;
      continue;
    }
    if (numberAt(bytes, line.start).value <= address) {
      last = line;
      low = line.end + 1;
    } else high = line.start;
  }
  for (let line = last, back = 0; line !== null && back < 8; back++) {
    if (numberAt(bytes, numberAt(bytes, line.start).next).value >= address) {
      return csvFields(bytes.toString('utf8', line.start, line.end));
    }
    line = line.start === 0 ? null : lineAround(bytes, line.start - 1);
  }
  return null;
}

function ipv6Bits(address: string): bigint {
  let text = address.split('%')[0] ?? '';
  const dotted = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

const ipv4Bits = (address: string): number => address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);

/** IANA special-purpose blocks: their owner in the data, if any, says nothing about who made the call. */
const SPECIAL_V4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'reserved ("this network", RFC 791)'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'private (carrier-grade NAT, RFC 6598)'],
  ['127.0.0.0', 8, 'reserved (loopback)'],
  ['169.254.0.0', 16, 'reserved (link-local)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'reserved (IETF protocol assignments)'],
  ['192.0.2.0', 24, 'reserved (documentation, RFC 5737)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'reserved (benchmarking, RFC 2544)'],
  ['198.51.100.0', 24, 'reserved (documentation, RFC 5737)'],
  ['203.0.113.0', 24, 'reserved (documentation, RFC 5737)'],
  ['224.0.0.0', 4, 'reserved (multicast)'],
  ['240.0.0.0', 4, 'reserved (future use and broadcast)'],
];

const SPECIAL_V6: readonly [string, number, string][] = [
  ['::', 128, 'reserved (unspecified)'],
  ['::1', 128, 'reserved (loopback)'],
  ['64:ff9b::', 96, 'reserved (NAT64)'],
  ['100::', 64, 'reserved (discard-only)'],
  ['2001:db8::', 32, 'reserved (documentation, RFC 3849)'],
  ['fc00::', 7, 'private (unique local, RFC 4193)'],
  ['fe80::', 10, 'reserved (link-local)'],
  ['ff00::', 8, 'reserved (multicast)'],
];

function specialNote(family: Family, bits: bigint): string | null {
  const width = family === 4 ? 32n : 128n;
  for (const [base, length, note] of family === 4 ? SPECIAL_V4 : SPECIAL_V6) {
    const shift = width - BigInt(length);
    const start = family === 4 ? BigInt(ipv4Bits(base)) : ipv6Bits(base);
    if (bits >> shift === start >> shift) return note;
  }
  return null;
}

/**
 * Why a source is no address. CloudTrail puts a service's name (s3.amazonaws.com, "AWS Internal") where a
 * call made on the principal's behalf came from; exported or anonymised logs carry addresses with leading
 * zeros (`010.001.002.003`), which no parser reads as the same address, so they are shown as written.
 */
function notAnAddress(source: string): string {
  if (/^[\d.]+$/.test(source) || /^[\da-f:.]+$/i.test(source))
    return 'not a valid IP address as written (shown as recorded)';
  return 'not an IP address: a call made by an AWS service';
}

const empty = (ip_note: string): IpEnrichment => ({ asn: null, as_org: null, country: null, ip_note });

/**
 * Lookups over the installed range files, each read once on first use of its family: IPv6 files are only
 * read when an IPv6 address is looked up. `read` is injectable so that tests can count the reads.
 */
export function ipEnricher(read: ReadBytes = (path) => readFileSync(path)) {
  const files = new Map<string, Buffer>();
  const rangeFile = (pkg: string, name: string): Buffer => {
    const path = join(packageDir(pkg), name);
    const cached = files.get(path) ?? read(path);
    files.set(path, cached);
    return cached;
  };

  return function enrich(address: string): IpEnrichment {
    const family: Family | null = isIPv4(address) ? 4 : isIPv6(address) ? 6 : null;
    if (family === null) return empty(notAnAddress(address));
    const bits = family === 4 ? BigInt(ipv4Bits(address)) : ipv6Bits(address);
    if (family === 6 && bits >> 32n === 0xffffn) {
      return enrich([24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 0xffn)).join('.'));
    }
    const note = specialNote(family, bits);
    if (note !== null) return empty(note);
    const asn = find(rangeFile('@ip-location-db/asn', `asn-ipv${family}-num.csv`), bits);
    const country = find(rangeFile('@ip-location-db/asn-country', `asn-country-ipv${family}-num.csv`), bits)?.[2];
    return {
      asn: asn === null ? null : Number(asn[2]),
      as_org: asn === null ? null : (asn[3] ?? null),
      country: country === undefined || country === '' ? null : country,
      ip_note: asn === null ? 'not announced in the installed ASN data' : null,
    };
  };
}

let shared: ReturnType<typeof ipEnricher> | null = null;

/** The process-wide enricher, so that the range files are read at most once per run. */
export function enrichIp(address: string): IpEnrichment {
  shared ??= ipEnricher();
  return shared(address);
}

/** The data's release, which is the package version's last part (YYYYMMDDHH), for the report's caveat. */
export function ipDataVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageDir('@ip-location-db/asn'), 'package.json'), 'utf8'));
  return String(pkg.version);
}

/** ASN, owner and country as report cells; without an owner, the note takes its place so the gap is explained. */
export function ipOwner(e: IpEnrichment): [string, string, string] {
  if (e.asn === null) return ['', e.ip_note ?? '', e.country ?? ''];
  return [`AS${e.asn}`, e.as_org ?? '', e.country ?? ''];
}
