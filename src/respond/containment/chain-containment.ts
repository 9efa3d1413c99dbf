// What a credential chain (credential-chain.ts) adds to a containment plan. Revoking only the last session
// leaves every link above it able to issue a new one, so the whole chain is contained: the long-term key it
// started from is deactivated, that user is denied everything, and every role in it has its older sessions
// revoked. Each step's reason is the chain's own events, and a step in another account than the investigated
// one says so, because its calls need that account's credentials.

import type { ResolvedPrincipal } from '../investigation/index.ts';
import { accountOf, type ChainLink } from '../investigation/index.ts';
import { awayFrom, denyUserStep, keyStep, roleSteps, type StepBasis } from './credential-steps.ts';
import type { PlanStep } from './plan-step.ts';

export interface ChainSteps {
  readonly keys: readonly PlanStep[];
  readonly users: readonly PlanStep[];
  /** Every role of the chain in the order its sessions were issued, the investigated role among them. */
  readonly roles: readonly PlanStep[];
}

const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** `arn:aws:sts::B:assumed-role/ops-admin/alice-ops` → `arn:aws:iam::B:role/ops-admin`. */
function roleOfSession(sessionArn: string | null): string | null {
  const match = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\//.exec(sessionArn ?? '');
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : null;
}

/** The same role whichever ARN names it: a session's ARN drops the role's path. */
const roleKey = (arn: string) => `${accountOf(arn)}/${nameOf(arn)}`;

function issued(link: ChainLink): string {
  const { caller } = link;
  const details = [
    link.sessionName === null ? null : `session ${link.sessionName}`,
    link.sourceIdentity === null ? null : `source identity ${link.sourceIdentity}`,
    link.crossAccount ? `from account ${caller.accountId}` : null,
  ].filter((d) => d !== null);
  const session = link.sessionArn ?? link.roleArn ?? 'a session';
  const extra = details.length === 0 ? '' : ` (${details.join(', ')})`;
  return `${link.operation} by ${caller.arn} with ${caller.accessKeyId} at ${link.events[0]?.time} issued ${link.accessKeyId} for ${session}${extra}`;
}

function basis(links: readonly ChainLink[], lead: string, account: string | null, home: string | null): StepBasis {
  return {
    why: `${lead}: ${links.map(issued).join('; ')}`,
    evidence: links.flatMap((link) => link.events),
    ...awayFrom(home, account),
  };
}

export function chainSteps(principal: ResolvedPrincipal, own: StepBasis, now: string): ChainSteps {
  const home = accountOf(principal.arn);
  const chain = principal.chain;
  const users = new Map<string, ChainLink[]>();
  for (const link of chain) {
    const arn = link.caller.type === 'IAMUser' ? link.caller.arn : null;
    if (arn !== null) users.set(arn, [...(users.get(arn) ?? []), link]);
  }
  const keys: PlanStep[] = [];
  const denies: PlanStep[] = [];
  for (const [arn, links] of users) {
    const account = links[0]?.caller.accountId ?? accountOf(arn);
    const longTerm = links.map((l) => l.caller.accessKeyId).filter((k): k is string => k?.startsWith('AKIA') === true);
    for (const key of new Set(longTerm)) {
      const from = links.filter((l) => l.caller.accessKeyId === key);
      const lead = 'the long-term key the credential chain starts from';
      keys.push(keyStep(nameOf(arn), key, basis(from, lead, account, home)));
    }
    denies.push(denyUserStep(nameOf(arn), basis(links, 'the user the credential chain starts from', account, home)));
  }
  // A role is in the chain when a link issued one of its sessions, or when a link's caller worked in one
  // of its sessions (the first hop of a chain whose own start is not in the lake).
  const roles = new Map<string, { arn: string; links: ChainLink[] }>();
  const add = (arn: string | null, link: ChainLink) => {
    if (arn === null) return;
    const known = roles.get(roleKey(arn)) ?? { arn, links: [] };
    roles.set(roleKey(arn), {
      arn: known.arn,
      links: known.links.includes(link) ? known.links : [...known.links, link],
    });
  };
  for (const link of chain) {
    add(roleOfSession(link.caller.type === 'AssumedRole' ? link.caller.arn : null), link);
    add(link.roleArn, link);
  }
  const investigated = principal.type === 'Role' ? roleKey(principal.arn) : null;
  if (investigated !== null && !roles.has(investigated)) roles.set(investigated, { arn: principal.arn, links: [] });
  const roleStepsInOrder = [...roles].flatMap(([key, { arn, links }]) => {
    const inChain = basis(links, 'a role of the credential chain', accountOf(arn), home);
    if (key !== investigated) return roleSteps(arn, inChain, now, false);
    const why = links.length === 0 ? own.why : `${own.why}; ${inChain.why}`;
    return roleSteps(arn, { ...inChain, why, evidence: [...inChain.evidence, ...own.evidence] }, now, false);
  });
  return { keys, users: denies, roles: roleStepsInOrder };
}
