// `rcode_id`/`rcode`: Resolver writes the DNS response code as its RFC mnemonic (`NOERROR`, `NXDOMAIN`,
// `SERVFAIL`); Security Lake writes OCSF 1.1.0's caption (`NoError`, `NXDomain`, `ServError`) and its id.

export interface DnsRcode {
  readonly rcode_id: number;
  readonly rcode: string;
}

/** OCSF id, OCSF caption, and the other names the code goes by. */
const RCODES: readonly (readonly [number, string, ...string[]])[] = [
  [0, 'NoError'],
  [1, 'FormError', 'FORMERR'],
  [2, 'ServError', 'SERVFAIL'],
  [3, 'NXDomain'],
  [4, 'NotImp'],
  [5, 'Refused'],
  [6, 'YXDomain'],
  [7, 'YXRRSet'],
  [8, 'NXRRSet'],
  [9, 'NotAuth'],
  [10, 'NotZone'],
  [11, 'DSOTYPENI'],
  [16, 'BADSIG_VERS', 'BADVERS', 'BADSIG'],
  [17, 'BADKEY'],
  [18, 'BADTIME'],
  [19, 'BADMODE'],
  [20, 'BADNAME'],
  [21, 'BADALG'],
  [22, 'BADTRUNC'],
  [23, 'BADCOOKIE'],
];

/** Keyed by upper-cased name, which is how Resolver writes them, so most lookups need no case folding. */
const BY_NAME = new Map<string, DnsRcode>();
for (const [rcode_id, rcode, ...aliases] of RCODES) {
  const code = Object.freeze({ rcode_id, rcode });
  for (const name of [rcode, ...aliases]) BY_NAME.set(name.toUpperCase(), code);
}

/** A code OCSF does not list is Other (99), with the raw name kept as the caption. */
export function dnsRcode(raw: string): DnsRcode {
  return BY_NAME.get(raw) ?? BY_NAME.get(raw.toUpperCase()) ?? { rcode_id: 99, rcode: raw };
}
