import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CLOUDTRAIL_SQL_MACROS } from '../src/mapping/cloudtrail/cloudtrail-sql-fields.ts';
import { mapCloudTrailInSql } from '../src/mapping/cloudtrail/cloudtrail-sql-mapping.ts';
import { CLOUDTRAIL_SQL_ROWS } from '../src/mapping/cloudtrail/cloudtrail-sql-rows.ts';
const dir = '/work/main/.bench/large-1000000';
const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort().slice(0, 4);
const c = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
const fl = `[${files.map((f) => `'${f}'`).join(',')}]`;
await c.run(`CREATE TEMP TABLE raw_in AS SELECT row_number() over () k, unnest(CAST(json_extract(json, '$.Records[*]') AS JSON[])) r FROM read_json_objects(${fl}, maximum_object_size=1073741824)`);
async function t(name: string, sql: string) { const s = performance.now(); const u = process.cpuUsage(); await c.run(sql); const d = process.cpuUsage(u); console.log(name, ((d.user + d.system) / 1e6).toFixed(2), ((performance.now() - s) / 1000).toFixed(2)); }
await mapCloudTrailInSql(c, 'raw_in', 'warm');
await t('paths only', `CREATE OR REPLACE TEMP TABLE x1 AS ${CLOUDTRAIL_SQL_ROWS.fields('raw_in').replace(/SELECT k, v, .* FROM \(SELECT/s, 'SELECT * FROM (SELECT')}`);
await t('fields', `CREATE OR REPLACE TEMP TABLE ct_fields AS ${CLOUDTRAIL_SQL_ROWS.fields('raw_in')}`);
await t('rows', `CREATE OR REPLACE TEMP TABLE x2 AS ${CLOUDTRAIL_SQL_ROWS.rows('ct_fields')}`);
await t('time only', `CREATE OR REPLACE TEMP TABLE x3 AS SELECT ct_time_ms(r->>'eventTime') FROM raw_in`);
await t('isip only', `CREATE OR REPLACE TEMP TABLE x3 AS SELECT ct_is_ip(r->>'sourceIPAddress') FROM raw_in`);
