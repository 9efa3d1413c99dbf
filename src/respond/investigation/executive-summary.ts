// The few lines a ticket opens with: who, in which account, when it was active, and what it did that matters
// (privilege changes, persistence, data access and destruction, findings), with routine calls folded into a
// count apart from what is new.

import { type Baseline, newActivity } from './activity-baseline.ts';
import type { ActivityEvent } from './activity-events.ts';
import type { TouchedResource } from './activity-summary.ts';
import type { CreatedItem } from './created-resources.ts';
import type { ResolvedPrincipal } from './principal-resolver.ts';
import type { RelatedFinding } from './related-findings.ts';

export interface ExecutiveSummary {
  readonly principal: string;
  readonly type: string;
  readonly accounts: readonly string[];
  /** The principal's own first and last call; null when it made none. */
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** What is not routine: its calls, when they ran, and the source addresses they came from. */
  readonly newActivity: {
    readonly calls: number;
    readonly from: string | null;
    readonly to: string | null;
    readonly sourceIps: readonly string[];
  };
  readonly routine: { readonly calls: number; readonly habits: Baseline['habits'] };
  /** `AttachUserPolicy×2`: successful calls that grant or change permissions, by the principal and what it created. */
  readonly privilegeChanges: readonly string[];
  /** What was created that outlives a session: users, access keys, console passwords, roles. */
  readonly persistence: readonly string[];
  readonly dataAccess: {
    readonly objectsRead: number;
    readonly objectsWritten: number;
    readonly objectsDeleted: number;
  };
  /** `DeleteBucket×1`: successful deleting calls. */
  readonly destruction: readonly string[];
  /** `high: 2`: findings by severity, the most severe first. */
  readonly findings: readonly string[];
}

const PRIVILEGE =
  /^(Attach(User|Role|Group)Policy|Put(User|Role|Group)Policy|CreatePolicyVersion|SetDefaultPolicyVersion|UpdateAssumeRolePolicy|AddUserToGroup|PutBucketPolicy|PutBucketAcl|PutObjectAcl)$/;
const DESTRUCTION = /^(Delete|Terminate|Stop(Logging)?$|PutBucketLifecycle)/;
const PERSISTENT = ['user', 'access-key', 'login-profile', 'role'];
const SEVERITY = ['critical', 'high', 'medium', 'low', 'informational'];

function counted(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${value}×${n}`);
}

const iso = (event: ActivityEvent | undefined) => (event === undefined ? null : new Date(event.time).toISOString());

export interface SummaryInput {
  readonly principal: ResolvedPrincipal;
  readonly own: readonly ActivityEvent[];
  /** Its events and those of what it created. */
  readonly all: readonly ActivityEvent[];
  readonly baseline: Baseline;
  readonly created: readonly CreatedItem[];
  readonly resources: readonly TouchedResource[];
  readonly findings: readonly RelatedFinding[];
}

export function executiveSummary(input: SummaryInput): ExecutiveSummary {
  const { principal, own, baseline } = input;
  const fresh = own.filter((e) => !baseline.routine.has(e.key));
  const notable = newActivity(input.all, baseline.routine).filter((e) => e.succeeded);
  const objects = input.resources.filter((r) => r.type === 'object');
  const objectsWith = (access: string) => objects.filter((r) => r.access.some((a) => a === access)).length;
  const severities = input.findings.map((f) => f.severity.toLowerCase());
  const rank = (s: string) => (SEVERITY.includes(s) ? SEVERITY.indexOf(s) : SEVERITY.length);
  return {
    principal: principal.arn,
    type: principal.type,
    accounts: principal.accountIds,
    firstSeen: iso(own[0]),
    lastSeen: iso(own.at(-1)),
    newActivity: {
      calls: fresh.length,
      from: iso(fresh[0]),
      to: iso(fresh.at(-1)),
      sourceIps: [...new Set(fresh.map((e) => e.ip).filter((ip): ip is string => ip !== null))],
    },
    routine: { calls: own.length - fresh.length, habits: baseline.habits },
    privilegeChanges: counted(notable.filter((e) => PRIVILEGE.test(e.operation)).map((e) => e.operation)),
    persistence: counted(input.created.filter((c) => PERSISTENT.includes(c.kind)).map((c) => c.kind)),
    dataAccess: {
      objectsRead: objectsWith('read'),
      objectsWritten: objectsWith('write'),
      objectsDeleted: objectsWith('delete'),
    },
    destruction: counted(notable.filter((e) => DESTRUCTION.test(e.operation)).map((e) => e.operation)),
    findings: counted([...severities].sort((a, b) => rank(a) - rank(b))).map((s) => s.replace('×', ': ')),
  };
}
