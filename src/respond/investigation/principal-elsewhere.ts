// A principal that made no CloudTrail call but that the lake saw elsewhere: as the actor of EKS audit events
// (an IAM role mapped into the cluster) or as a resource of findings (GuardDuty names the user whose keys
// were used). The investigation then starts from what those rows say about it.

import { tableName } from '../../mapping/native-sources.ts';
import { quoteName } from '../../query/index.ts';
import { findingsTable, type InvestigationScope, sqlString, windowPredicate } from './investigation-scope.ts';
import { arnAccount } from './related-findings.ts';

/** Where, outside CloudTrail, the principal was seen, and how often. */
export interface SeenElsewhere {
  readonly table: 'eks_audit' | 'sh_findings';
  readonly count: number;
  readonly first: string;
  readonly last: string;
}

export interface ElsewherePrincipal {
  /** The IAM ARN the rows name, or the Kubernetes user name when they name no ARN. */
  readonly arn: string;
  readonly accountIds: readonly string[];
  readonly accessKeyIds: readonly string[];
  readonly seen: readonly SeenElsewhere[];
}

interface Sighting {
  readonly table: SeenElsewhere['table'];
  readonly arn: string;
  readonly accountId: string;
  readonly key: string | null;
  readonly count: number;
  readonly first: number;
  readonly last: number;
}

/** The ARN the query names, or `%/<name>` for a bare name, as a lower-case LIKE pattern. */
function arnPattern(query: string): string {
  const q = query.toLowerCase().replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
  return sqlString(q.startsWith('arn:') ? q : `%/${q}`);
}

async function eksSightings(scope: InvestigationScope, query: string): Promise<Sighting[]> {
  const q = sqlString(query.toLowerCase());
  const result = await scope.engine.run(`SELECT coalesce(actor.session.issuer, actor.user.name), accountid,
  actor.session.credential_uid, count(*), min(time), max(time)
FROM ${quoteName(tableName(scope.region, 'eks_audit'))}
WHERE (lower(actor.user.name) = ${q} OR lower(actor.session.issuer) = ${q}
  OR lower(actor.session.issuer) LIKE ${arnPattern(query)} ESCAPE '\\') AND ${windowPredicate(scope.window)}
GROUP BY 1, 2, 3`);
  return result.rows.map(([arn, account, key, count, first, last]) => ({
    table: 'eks_audit',
    arn: String(arn),
    accountId: String(account ?? ''),
    key: key === null || key === undefined ? null : String(key),
    count: Number(count),
    first: Number(first),
    last: Number(last),
  }));
}

async function findingSightings(scope: InvestigationScope, query: string): Promise<Sighting[]> {
  const result = await scope.engine.run(`SELECT r.uid, accountid, count(*), min(time), max(time)
FROM ${findingsTable(scope)} CROSS JOIN UNNEST(resources) AS t (r)
WHERE lower(r.uid) LIKE ${arnPattern(query)} ESCAPE '\\' AND r.uid LIKE 'arn:%:iam::%'
  AND ${windowPredicate(scope.window)}
GROUP BY 1, 2`);
  return result.rows.map(([arn, account, count, first, last]) => ({
    table: 'sh_findings',
    arn: String(arn),
    accountId: String(account ?? ''),
    key: null,
    count: Number(count),
    first: Number(first),
    last: Number(last),
  }));
}

/** The principals EKS audit logs and findings name for `query`, one per ARN. */
export async function principalsElsewhere(scope: InvestigationScope, query: string): Promise<ElsewherePrincipal[]> {
  const sightings = [...(await eksSightings(scope, query)), ...(await findingSightings(scope, query))];
  const arns = [...new Set(sightings.map((s) => s.arn))].sort();
  return arns.map((arn) => {
    const own = sightings.filter((s) => s.arn === arn);
    const tables = [...new Set(own.map((s) => s.table))];
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      arn,
      accountIds: [...new Set([arnAccount(arn), ...own.map((s) => s.accountId)])]
        .filter((a): a is string => a !== null && a !== '')
        .sort(),
      accessKeyIds: [...new Set(own.flatMap((s) => (s.key === null ? [] : [s.key])))].sort(),
      seen: tables.map((table) => {
        const rows = own.filter((s) => s.table === table);
        return {
          table,
          count: rows.reduce((sum, s) => sum + s.count, 0),
          first: iso(Math.min(...rows.map((s) => s.first))),
          last: iso(Math.max(...rows.map((s) => s.last))),
        };
      }),
    };
  });
}
