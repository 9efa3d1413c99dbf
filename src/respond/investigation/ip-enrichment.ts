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

/** One family's ranges, sorted by start, in parallel typed arrays so that 400k ranges stay compact. */
interface RangeTable {
  readonly starts: BigUint64Array | Uint32Array;
  readonly ends: BigUint64Array | Uint32Array;
  /** For IPv6 the low 64 bits; the arrays above then hold the high ones. */
  readonly startsLo: BigUint64Array | null;
  readonly endsLo: BigUint64Array | null;
  readonly values: Uint32Array;
}

interface AsnTable extends RangeTable {
  readonly orgs: readonly string[];
  readonly orgIndex: Uint32Array;
}

export type ReadText = (path: string) => string;

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

const MASK64 = (1n << 64n) - 1n;

function rangeTable(
  text: string,
  family: Family,
  value: (fields: string[]) => number,
): RangeTable & { fields: string[][] } {
  const rows = text.split('\n').filter((l) => l.length > 0);
  const n = rows.length;
  const v6 = family === 6;
  const starts = v6 ? new BigUint64Array(n) : new Uint32Array(n);
  const ends = v6 ? new BigUint64Array(n) : new Uint32Array(n);
  const startsLo = v6 ? new BigUint64Array(n) : null;
  const endsLo = v6 ? new BigUint64Array(n) : null;
  const values = new Uint32Array(n);
  const fields: string[][] = [];
  rows.forEach((row, i) => {
    const f = csvFields(row);
    if (v6) {
      const start = BigInt(f[0] ?? '0');
      const end = BigInt(f[1] ?? '0');
      starts[i] = start >> 64n;
      ends[i] = end >> 64n;
      (startsLo as BigUint64Array)[i] = start & MASK64;
      (endsLo as BigUint64Array)[i] = end & MASK64;
    } else {
      starts[i] = Number(f[0]);
      ends[i] = Number(f[1]);
    }
    values[i] = value(f);
    fields.push(f);
  });
  return { starts, ends, startsLo, endsLo, values, fields };
}

/** Compares the address (hi, lo) with entry i of a pair of arrays: negative when the address is below it. */
function compare(
  hi: bigint | number,
  lo: bigint,
  high: BigUint64Array | Uint32Array,
  low: BigUint64Array | null,
  i: number,
) {
  const h = high[i] as bigint | number;
  if (hi !== h) return hi < h ? -1 : 1;
  if (low === null) return 0;
  const l = low[i] as bigint;
  return lo === l ? 0 : lo < l ? -1 : 1;
}

/**
 * The range holding the address, or -1. A few ranges overlap (a DoD block nests inside another), so after
 * the last range starting at or below the address we look back a little for one that still reaches it.
 */
function find(table: RangeTable, hi: bigint | number, lo: bigint): number {
  let low = 0;
  let high = table.starts.length - 1;
  let last = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (compare(hi, lo, table.starts, table.startsLo, mid) >= 0) {
      last = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  for (let i = last; i >= 0 && i > last - 8; i--) {
    if (compare(hi, lo, table.ends, table.endsLo, i) <= 0) return i;
  }
  return -1;
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

const empty = (ip_note: string): IpEnrichment => ({ asn: null, as_org: null, country: null, ip_note });

/**
 * Lookups over the installed range files, each read once on first use of its family: IPv6 files are only
 * read when an IPv6 address is looked up. `read` is injectable so that tests can count the reads.
 */
export function ipEnricher(read: ReadText = (path) => readFileSync(path, 'utf8')) {
  const asnTables = new Map<Family, AsnTable>();
  const countryTables = new Map<Family, RangeTable>();

  const asnTable = (family: Family): AsnTable => {
    const cached = asnTables.get(family);
    if (cached) return cached;
    const orgs: string[] = [];
    const ids = new Map<string, number>();
    const text = read(join(packageDir('@ip-location-db/asn'), `asn-ipv${family}-num.csv`));
    const { fields, ...table } = rangeTable(text, family, (f) => Number(f[2]));
    const orgIndex = new Uint32Array(fields.length);
    fields.forEach((f, i) => {
      const org = f[3] ?? '';
      let id = ids.get(org);
      if (id === undefined) {
        id = orgs.push(org) - 1;
        ids.set(org, id);
      }
      orgIndex[i] = id;
    });
    const loaded = { ...table, orgs, orgIndex };
    asnTables.set(family, loaded);
    return loaded;
  };

  const countryTable = (family: Family): RangeTable => {
    const cached = countryTables.get(family);
    if (cached) return cached;
    const text = read(join(packageDir('@ip-location-db/asn-country'), `asn-country-ipv${family}-num.csv`));
    // Two ASCII letters packed into one number, to keep the codes in a typed array too.
    const { fields: _, ...table } = rangeTable(text, family, (f) => {
      const code = f[2] ?? '';
      return (code.charCodeAt(0) << 8) | code.charCodeAt(1);
    });
    countryTables.set(family, table);
    return table;
  };

  return function enrich(address: string): IpEnrichment {
    const family: Family | null = isIPv4(address) ? 4 : isIPv6(address) ? 6 : null;
    // CloudTrail puts a service's name (s3.amazonaws.com, "AWS Internal") where a call made on the
    // principal's behalf came from.
    if (family === null) return empty('not an IP address: a call made by an AWS service');
    const bits = family === 4 ? BigInt(ipv4Bits(address)) : ipv6Bits(address);
    if (family === 6 && bits >> 32n === 0xffffn) {
      return enrich([24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 0xffn)).join('.'));
    }
    const note = specialNote(family, bits);
    if (note !== null) return empty(note);
    const hi = family === 4 ? Number(bits) : bits >> 64n;
    const lo = family === 4 ? 0n : bits & MASK64;
    const asns = asnTable(family);
    const a = find(asns, hi, lo);
    const countries = countryTable(family);
    const c = find(countries, hi, lo);
    const code = c === -1 ? 0 : (countries.values[c] as number);
    return {
      asn: a === -1 ? null : (asns.values[a] as number),
      as_org: a === -1 ? null : (asns.orgs[asns.orgIndex[a] as number] ?? null),
      country: code === 0 ? null : String.fromCharCode(code >> 8, code & 0xff),
      ip_note: a === -1 ? 'not announced in the installed ASN data' : null,
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
