// Offline ASN/owner/country lookups against the installed range files, and that those files are read once.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ipEnricher, ipOwner } from '../../src/respond/investigation/ip-enrichment.ts';

// Expected owners checked against the installed @ip-location-db data: these blocks have been announced by the
// same AS for years. Countries are those of the network's registration (1.1.1.0/24 is APNIC's, delegated in AU).
const reads: string[] = [];
const enrich = ipEnricher((path) => {
  reads.push(path);
  return readFileSync(path);
});

test('public IPv4 addresses get their ASN, owner and registration country', () => {
  assert.deepEqual(enrich('8.8.8.8'), { asn: 15169, as_org: 'Google LLC', country: 'US', ip_note: null });
  assert.deepEqual(enrich('1.1.1.1'), { asn: 13335, as_org: 'Cloudflare, Inc.', country: 'AU', ip_note: null });
  assert.deepEqual(ipOwner(enrich('8.8.4.4')), ['AS15169', 'Google LLC', 'US']);
});

test('private, documentation and non-address sources get a note, never an owner', () => {
  for (const [ip, note] of [
    ['10.1.2.3', 'private (RFC 1918)'],
    ['192.168.0.1', 'private (RFC 1918)'],
    ['203.0.113.9', 'reserved (documentation, RFC 5737)'],
    ['fd00::1', 'private (unique local, RFC 4193)'],
    ['2001:db8::1', 'reserved (documentation, RFC 3849)'],
    ['s3.amazonaws.com', 'not an IP address: a call made by an AWS service'],
  ] as const) {
    assert.deepEqual(enrich(ip), { asn: null, as_org: null, country: null, ip_note: note }, ip);
  }
  assert.deepEqual(ipOwner(enrich('10.0.0.1')), ['', 'private (RFC 1918)', '']);
});

test('IPv6 addresses, and IPv4-mapped ones, are looked up too', () => {
  assert.deepEqual(enrich('2001:4860:4860::8888'), { asn: 15169, as_org: 'Google LLC', country: 'US', ip_note: null });
  assert.equal(enrich('2606:4700:4700::1111').asn, 13335);
  assert.equal(enrich('::ffff:8.8.8.8').asn, 15169);
});

test('each range file is read once, on first use of its family', () => {
  enrich('9.9.9.9');
  enrich('2620:fe::fe');
  const names = reads.map((p) => p.split('/').slice(-2).join('/')).sort();
  assert.deepEqual(names, [
    'asn-country/asn-country-ipv4-num.csv',
    'asn-country/asn-country-ipv6-num.csv',
    'asn/asn-ipv4-num.csv',
    'asn/asn-ipv6-num.csv',
  ]);
});
