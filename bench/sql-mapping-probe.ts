// Can DuckDB SQL map CloudTrail exactly as the JavaScript mapping does, and how fast? Maps the first N
// CloudTrail delivery files of a folder (a) with mapCloudTrailEvent after readFileSync + gunzip + JSON.parse,
// as an ingest worker does (every column, `unmapped` and `observables` included), and (b) with the SQL mapping
// probe (read_json_objects + cloudtrail-sql-mapping.ts), then prints, per column the SQL claims, how many rows
// are equal and the first differing one.
//
//   npm run bench:sql-mapping [-- DIR [N]]   default: .bench/large-1000000, 40 files (200k events);
//   when DIR does not exist, a 50k-event scenario is generated into a temporary folder and deleted afterwards.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { mapCloudTrailEvent } from '../src/mapping/cloudtrail/cloudtrail-mapping.ts';
import { compareSqlMapping } from '../src/mapping/cloudtrail/cloudtrail-sql-comparison.ts';
import { mapCloudTrailInSql } from '../src/mapping/cloudtrail/cloudtrail-sql-mapping.ts';
import type { MapOutcome } from '../src/mapping/ocsf-row.ts';
import { generateScenario } from '../src/scenario/scenario-generator.ts';
import { writeLargeDeliveryFiles } from './large-delivery-files.ts';

const KEYS_PER_FILE = 1_000_000;
const [dirArg = '.bench/large-1000000', countArg = '40'] = process.argv.slice(2);

let scratch: string | undefined;
let dir = dirArg;
if (!existsSync(dir)) {
  scratch = mkdtempSync(join(tmpdir(), 'sqlmap-'));
  console.log(`${dir} not found: generating a 50,000-event scenario in ${scratch}`);
  await generateScenario({ outDir: join(scratch, 'small'), events: 50_000, seed: 42, networkEvents: 0 });
  writeLargeDeliveryFiles(join(scratch, 'small'), join(scratch, 'large'));
  dir = join(scratch, 'large');
}
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.json.gz'))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort()
  .slice(0, Number(countArg));

function measure<T>(work: () => T): { result: T; cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 };
}

async function measureAsync(work: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 };
}

console.log(
  `load averages before: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
const parsed = measure(() =>
  files.map((file) => (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] }).Records),
);
const js = measure(() => {
  const outcomes = new Map<number, MapOutcome>();
  parsed.result.forEach((records, index) => {
    records.forEach((record, i) => {
      outcomes.set(index * KEYS_PER_FILE + i, mapCloudTrailEvent(record as Record<string, unknown>));
    });
  });
  return outcomes;
});
const events = js.result.size;

const connection = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
const fileList = `[${files.map((file) => `'${file.replaceAll("'", "''")}'`).join(', ')}]`;
const read = await measureAsync(() =>
  connection.run(`CREATE TEMP TABLE raw_in AS
    SELECT (list_position(${fileList}, filename) - 1) * ${KEYS_PER_FILE} + i - 1 AS k, r FROM (
      SELECT filename, unnest(recs) AS r, generate_subscripts(recs, 1) AS i FROM (
        SELECT filename, CAST(json_extract(json, '$.Records[*]') AS JSON[]) AS recs
        FROM read_json_objects(${fileList}, filename = true, maximum_object_size = 1073741824)))`),
);
const map = await measureAsync(() => mapCloudTrailInSql(connection, 'raw_in', 'sql_rows'));
const tallies = await compareSqlMapping(connection, 'sql_rows', js.result);
connection.closeSync();
if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });

const rate = (seconds: number) => `${Math.round(events / seconds).toLocaleString('en-US')} ev/CPU-s`;
console.log(`${files.length} files, ${events.toLocaleString('en-US')} events`);
const jsCpu = parsed.cpu + js.cpu;
console.log(`JS   read+gunzip+JSON.parse   ${parsed.cpu.toFixed(2)} CPU-s  ${parsed.wall.toFixed(2)} s wall`);
console.log(`JS   mapCloudTrailEvent       ${js.cpu.toFixed(2)} CPU-s  ${js.wall.toFixed(2)} s wall  ${rate(js.cpu)}`);
console.log(
  `JS   total                    ${jsCpu.toFixed(2)} CPU-s  ${(parsed.wall + js.wall).toFixed(2)} s wall  ${rate(jsCpu)}`,
);
console.log(`SQL  read_json_objects+unnest ${read.cpu.toFixed(2)} CPU-s  ${read.wall.toFixed(2)} s wall`);
console.log(`SQL  mapping                  ${map.cpu.toFixed(2)} CPU-s  ${map.wall.toFixed(2)} s wall`);
console.log(
  `SQL  total                    ${(read.cpu + map.cpu).toFixed(2)} CPU-s  ${(read.wall + map.wall).toFixed(2)} s wall  ${rate(read.cpu + map.cpu)}`,
);
console.log('\ncolumn            equal  differing  first difference (key: js | sql)');
for (const [column, tally] of Object.entries(tallies)) {
  const example = tally.example;
  const shown =
    example === undefined ? '' : `${example.key}: ${JSON.stringify(example.js)} | ${JSON.stringify(example.sql)}`;
  console.log(
    `${column.padEnd(16)} ${String(tally.equal).padStart(7)} ${String(tally.differing).padStart(9)}  ${shown.slice(0, 300)}`,
  );
}
console.log(
  `load averages after: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
