// The role chain of an investigation for the reports: one row per issued credential (shared by the
// Markdown and HTML reports), and the chain as one line when it is a single path from a long-term identity.

import { type ChainLink, eventIdText, isTemporaryKey } from '../investigation/index.ts';

export const CHAIN_HEADER = [
  'issued key',
  'by',
  'role',
  'session',
  'account',
  'called by',
  'caller key',
  'caller account',
  'source identity',
  'metadata.uid',
];

export function chainRows(chain: readonly ChainLink[]): string[][] {
  return chain.map((l) => [
    l.accessKeyId,
    l.operation,
    l.roleArn ?? '',
    l.sessionArn ?? '',
    l.crossAccount ? `${l.accountId} (cross-account)` : (l.accountId ?? ''),
    l.caller.arn ?? l.caller.type ?? '',
    l.caller.accessKeyId ?? '',
    l.caller.accountId ?? '',
    l.sourceIdentity ?? '',
    l.events.map((e) => eventIdText(e.uid)).join(' '),
  ]);
}

/**
 * `alice (AKIA…, 111…) → AssumeRole → ops-admin/alice-ops in 222… (cross-account) → …`, when every link
 * was called with the key the one before it issued; null for a tree of several sessions.
 */
export function chainPath(chain: readonly ChainLink[]): string | null {
  const [first, ...rest] = chain;
  if (first === undefined) return null;
  if (rest.some((link, i) => link.caller.accessKeyId !== chain[i]?.accessKeyId)) return null;
  const caller = first.caller;
  const origin = `${caller.arn ?? caller.type ?? 'unknown caller'} (${caller.accessKeyId ?? 'no key'}, account ${caller.accountId ?? '?'})`;
  const hops = chain.map(
    (l) =>
      `${l.operation} → ${l.sessionArn ?? l.accessKeyId} in ${l.accountId ?? '?'}${l.crossAccount ? ' (cross-account)' : ''}${l.sessionName ? `, session name ${l.sessionName}` : ''}${l.sourceIdentity ? `, source identity ${l.sourceIdentity}` : ''}`,
  );
  return [origin, ...hops].join(' → ');
}

/** Temporary keys some link was called with but no event in the lake issued: where tracing stopped. */
export function untracedKeys(chain: readonly ChainLink[]): string[] {
  const issued = new Set(chain.map((l) => l.accessKeyId));
  return [...new Set(chain.map((l) => l.caller.accessKeyId))].filter(
    (k): k is string => isTemporaryKey(k) && !issued.has(k),
  );
}
