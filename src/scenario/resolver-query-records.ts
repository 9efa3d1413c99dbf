// One Route 53 Resolver query log record, as Resolver delivers it: the asking instance and VPC, the name
// and type asked, the response code and the answers, each answer with its record data, type and class.

import { isoSeconds } from './cloudtrail-identity.ts';
import type { Instance, Vpc } from './network-topology.ts';

export interface DnsAnswerSpec {
  readonly type: 'A' | 'AAAA' | 'CNAME';
  readonly rdata: string;
}

export interface ResolverQuery {
  readonly timeMs: number;
  readonly instance: Instance;
  /** With the trailing dot, as Resolver logs it. */
  readonly name: string;
  readonly type: 'A' | 'AAAA';
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly answers: readonly DnsAnswerSpec[];
  readonly srcport: number;
}

export function resolverQueryRecord(vpc: Vpc, query: ResolverQuery): Record<string, unknown> {
  return {
    version: '1.100000',
    account_id: vpc.accountId,
    region: vpc.region,
    vpc_id: vpc.id,
    query_timestamp: isoSeconds(query.timeMs),
    query_name: query.name,
    query_type: query.type,
    query_class: 'IN',
    rcode: query.rcode,
    answers: query.answers.map((answer) => ({ Rdata: answer.rdata, Type: answer.type, Class: 'IN' })),
    srcaddr: query.instance.privateIp,
    srcport: String(query.srcport),
    transport: 'UDP',
    srcids: { instance: query.instance.id },
  };
}
