// `query`, `answers` and `rcode`: what was asked and what Resolver answered. The query name keeps its
// trailing dot, as Security Lake keeps it (`s3.amazonaws.com.`).

import { asRecord, nonEmpty, type RawRecord, takeString } from '../record-fields.ts';
import type { ConsumedPaths } from '../unmapped-flattener.ts';
import { type DnsRcode, dnsRcode } from './dns-rcode.ts';

export interface DnsQuery {
  hostname?: string;
  type?: string;
  class?: string;
}

export interface DnsAnswer {
  type?: string;
  rdata?: string;
  class?: string;
}

export function mapQuery(query: RawRecord, consumed: ConsumedPaths): DnsQuery | undefined {
  const out: DnsQuery = {};
  const hostname = takeString(query, 'query_name', 'query_name', consumed);
  if (hostname !== undefined) out.hostname = hostname;
  const type = takeString(query, 'query_type', 'query_type', consumed);
  if (type !== undefined) out.type = type;
  const queryClass = takeString(query, 'query_class', 'query_class', consumed);
  if (queryClass !== undefined) out.class = queryClass;
  return nonEmpty(out);
}

export function mapRcode(query: RawRecord, consumed: ConsumedPaths): DnsRcode | undefined {
  const raw = takeString(query, 'rcode', 'rcode', consumed);
  return raw === undefined ? undefined : dnsRcode(raw);
}

/**
 * `answers[]` in Resolver's order. An empty list (NXDOMAIN) stays an empty list, so that AWS's own sample
 * query for unresolved names (`cardinality(answers) = 0`) finds it. Panther's
 * fixtures flatten a single answer to an object; it is read as the one answer it is.
 */
export function mapAnswers(query: RawRecord, consumed: ConsumedPaths): DnsAnswer[] | undefined {
  const raw = query.answers;
  if (Array.isArray(raw)) {
    if (raw.length === 0) {
      consumed.add('answers');
      return [];
    }
    const answers: DnsAnswer[] = [];
    for (const item of raw) {
      const answer = mapAnswer(asRecord(item), 'answers[]', consumed);
      if (answer !== undefined) answers.push(answer);
    }
    return answers.length > 0 ? answers : undefined;
  }
  const single = mapAnswer(asRecord(raw), 'answers', consumed);
  return single === undefined ? undefined : [single];
}

function mapAnswer(raw: RawRecord | undefined, path: string, consumed: ConsumedPaths): DnsAnswer | undefined {
  if (raw === undefined) return undefined;
  const answer: DnsAnswer = {};
  const type = takeString(raw, 'Type', `${path}.Type`, consumed);
  if (type !== undefined) answer.type = type;
  const rdata = takeString(raw, 'Rdata', `${path}.Rdata`, consumed);
  if (rdata !== undefined) answer.rdata = rdata;
  const answerClass = takeString(raw, 'Class', `${path}.Class`, consumed);
  if (answerClass !== undefined) answer.class = answerClass;
  return nonEmpty(answer);
}
