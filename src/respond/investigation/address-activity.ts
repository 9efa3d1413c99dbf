// `tarn investigate --ip ADDRESS`: every principal whose calls came from the address (CloudTrail, EKS audit)
// and every flow that has it at one end (VPC flow logs), grouped so that a busy address stays readable.
// The address is compared as CloudTrail wrote it, so `AWS Internal` or a zero-padded address can be asked.

import { tableName } from '../../mapping/native-sources.ts';
import { quoteName } from '../../query/index.ts';
import {
  ACTIVITY_SOURCES,
  type InvestigationScope,
  sqlString,
  type TimeWindow,
  windowPredicate,
} from './investigation-scope.ts';

export interface AddressUser {
  /** `CloudTrail` or `EKS audit`. */
  readonly source: string;
  readonly accountId: string;
  /** The role for a session, the actor's ARN otherwise; a Kubernetes user name when there is no ARN. */
  readonly principal: string;
  readonly operations: readonly string[];
  readonly count: number;
  readonly first: string;
  readonly last: string;
}

export interface AddressFlow {
  readonly accountId: string;
  readonly source: string;
  readonly destination: string;
  readonly destinationPort: number | null;
  readonly protocol: number | null;
  readonly action: string;
  readonly count: number;
  readonly bytes: number;
  readonly first: string;
  readonly last: string;
}

export interface AddressActivity {
  readonly address: string;
  readonly users: readonly AddressUser[];
  readonly flows: readonly AddressFlow[];
  /** True when a list was cut at ADDRESS_ROWS groups. */
  readonly truncated: boolean;
}

export const ADDRESS_ROWS = 5_000;

/** A timestamp as the query service prints it (`2024-03-10 12:00:00.000`, UTC) in ISO-8601. */
const iso = (time: unknown) => new Date(`${String(time).replace(/ UTC$/, '').replace(' ', 'T')}Z`).toISOString();
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const operations = (value: unknown) => (Array.isArray(value) ? value.map(String).sort() : []);

export interface AddressQueries {
  /** Principals whose calls came from the address, grouped by source, principal and account. */
  readonly users: string;
  /** VPC flows with the address at either end, grouped by account, both ends, port, protocol and action. */
  readonly flows: string;
}

/** The Athena SQL that `addressActivity` runs, which the console also shows behind each panel. */
export function addressQueries(region: string, window: TimeWindow, address: string): AddressQueries {
  const ip = sqlString(address);
  const during = windowPredicate(window);
  const trail = ACTIVITY_SOURCES.map(
    (source) => `  SELECT coalesce(actor.session.issuer, actor.user.uid, actor.user.name) AS principal, accountid,
    api.operation AS operation, time_dt
  FROM ${quoteName(tableName(region, source))}
  WHERE coalesce(src_endpoint.ip, src_endpoint.domain) = ${ip} AND ${during}`,
  ).join('\n  UNION ALL\n');
  return {
    users: `SELECT 'CloudTrail' AS source, principal, accountid, array_agg(DISTINCT operation) AS operations,
  count(*) AS calls, min(time_dt) AS first_seen, max(time_dt) AS last_seen
FROM (\n${trail}\n) GROUP BY 1, 2, 3
UNION ALL
SELECT 'EKS audit', coalesce(actor.session.issuer, actor.user.name), accountid, array_agg(DISTINCT api.operation),
  count(*), min(time_dt), max(time_dt)
FROM ${quoteName(tableName(region, 'eks_audit'))}
WHERE src_endpoint.ip = ${ip} AND ${during}
GROUP BY 1, 2, 3
ORDER BY 6, 2`,
    flows: `SELECT accountid, src_endpoint.ip AS source, dst_endpoint.ip AS destination, dst_endpoint.port AS port,
  connection_info.protocol_num AS protocol, action, count(*) AS flows, coalesce(sum(traffic.bytes), 0) AS bytes,
  min(time_dt) AS first_seen, max(time_dt) AS last_seen
FROM ${quoteName(tableName(region, 'vpc_flow'))}
WHERE (src_endpoint.ip = ${ip} OR dst_endpoint.ip = ${ip}) AND ${during}
GROUP BY 1, 2, 3, 4, 5, 6
ORDER BY 9, 2, 3`,
  };
}

export async function addressActivity(scope: InvestigationScope, address: string): Promise<AddressActivity> {
  const sql = addressQueries(scope.region, scope.window, address);
  const users = await scope.engine.run(sql.users, { maxRows: ADDRESS_ROWS });
  const flows = await scope.engine.run(sql.flows, { maxRows: ADDRESS_ROWS });
  return {
    address,
    users: users.rows.map(([source, principal, account, ops, count, first, last]) => ({
      source: text(source),
      accountId: text(account),
      principal: text(principal),
      operations: operations(ops),
      count: Number(count),
      first: iso(first),
      last: iso(last),
    })),
    flows: flows.rows.map(([account, src, dst, port, protocol, action, count, bytes, first, last]) => ({
      accountId: text(account),
      source: text(src),
      destination: text(dst),
      destinationPort: port === null || port === undefined ? null : Number(port),
      protocol: protocol === null || protocol === undefined ? null : Number(protocol),
      action: text(action),
      count: Number(count),
      bytes: Number(bytes),
      first: iso(first),
      last: iso(last),
    })),
    truncated: users.truncated || flows.truncated,
  };
}
