// The console's starter pack: the reference incident's six questions as responders wrote them, and a few
// first questions per source, over the lake's rollup region (which reads every region).

import { tableName } from '../mapping/native-sources.ts';
import { REFERENCE_QUERIES } from '../scenario/reference-queries.ts';

export interface StarterQuery {
  readonly name: string;
  readonly sql: string;
}

export function starterQueries(rollupRegion: string | null): StarterQuery[] {
  const reference = REFERENCE_QUERIES.map((q, i) => ({ name: `Incident ${i + 1}: ${q.question}`, sql: q.sql }));
  if (rollupRegion === null) return reference;
  const t = (source: Parameters<typeof tableName>[1]) => tableName(rollupRegion, source);
  return [
    ...reference,
    {
      name: 'CloudTrail: calls per operation and status',
      sql: `SELECT api.operation, status, count(*) AS calls\nFROM ${t('cloud_trail_mgmt')}\nGROUP BY 1, 2\nORDER BY calls DESC\nLIMIT 100`,
    },
    {
      name: 'CloudTrail: denied calls by principal',
      sql: `SELECT actor.user.name, api.operation, count(*) AS denied\nFROM ${t('cloud_trail_mgmt')}\nWHERE status = 'Failure'\nGROUP BY 1, 2\nORDER BY denied DESC\nLIMIT 100`,
    },
    {
      name: 'S3 data events: deletes',
      sql: `SELECT time_dt, actor.user.name, api.operation, api.request.data\nFROM ${t('s3_data')}\nWHERE api.operation LIKE 'Delete%'\nORDER BY time_dt\nLIMIT 1000`,
    },
    {
      name: 'Findings: by severity and product',
      sql: `SELECT severity, metadata.product.name AS product, count(*) AS findings\nFROM ${t('sh_findings')}\nGROUP BY 1, 2\nORDER BY findings DESC`,
    },
    {
      name: 'VPC flow: rejected connections by source',
      sql: `SELECT src_endpoint.ip, dst_endpoint.port, count(*) AS rejected\nFROM ${t('vpc_flow')}\nWHERE action = 'Denied'\nGROUP BY 1, 2\nORDER BY rejected DESC\nLIMIT 100`,
    },
    {
      name: 'Route 53: most queried names',
      sql: `SELECT query.hostname, count(*) AS queries\nFROM ${t('route53')}\nGROUP BY 1\nORDER BY queries DESC\nLIMIT 100`,
    },
    {
      name: 'WAF: blocked requests by client',
      sql: `SELECT src_endpoint.ip, http_request.url.path, count(*) AS blocked\nFROM ${t('waf')}\nWHERE action = 'Denied'\nGROUP BY 1, 2\nORDER BY blocked DESC\nLIMIT 100`,
    },
  ];
}
