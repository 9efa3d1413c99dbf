// Where the JavaScript side of ingest spends its CPU, step by step, on the first N delivery files of a folder
// (`node --import tsx bench/ingest-profile.ts .bench/large-1000000 20`): reading, gunzip, decoding, JSON.parse
// with the depth check (a walk of each record; a delivery file's splitter counts depth instead), mapping, the
// rows as JSON lines, and the whole of what an ingest worker does per input (`mapWhileReading`), each in
// CPU-seconds of this process (one thread: no DuckDB runs here). Run it under `node --cpu-prof` for the
// functions inside each step.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { mapWhileReading } from '../src/lake/ingest-input.ts';
import { mapCloudTrailEvent } from '../src/mapping/cloudtrail/cloudtrail-mapping.ts';
import { nestedDeeperThan } from '../src/sources/json-depth.ts';
import { parseLogFile } from '../src/sources/log-file-reader.ts';
import { invalidUtf8Count } from '../src/sources/utf8-check.ts';

const [dir = '.bench/large-1000000', count = '20'] = process.argv.slice(2);
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.json.gz'))
  .map((e) => join(e.parentPath, e.name))
  .sort()
  .slice(0, Number(count));

const spent: Record<string, number> = {};
function step<T>(name: string, work: () => T): T {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  spent[name] = (spent[name] ?? 0) + (used.user + used.system) / 1e6;
  return result;
}

let events = 0;
for (const file of files) {
  const gz = step('read', () => readFileSync(file));
  const raw = step('gunzip', () => gunzipSync(gz));
  const text = step('utf8 decode + check', () => {
    const decoded = raw.toString('utf8');
    invalidUtf8Count(raw, decoded);
    return decoded;
  });
  const { Records } = step('JSON.parse', () => JSON.parse(text) as { Records: Record<string, unknown>[] });
  step('depth check', () => Records.some((r) => nestedDeeperThan(r)));
  const rows = step('mapping', () => Records.map((r) => mapCloudTrailEvent(r)));
  step('rows as JSON lines', () => rows.map((r) => (r.ok ? JSON.stringify(r.row) : '')).join('\n'));
  step('worker path (mapWhileReading)', () =>
    mapWhileReading((consume) => parseLogFile(file, gz, {}, consume), { sha256: '', bytes: gz.length }),
  );
  events += Records.length;
}
console.log(`${files.length} files, ${events.toLocaleString('en-US')} events`);
for (const [name, seconds] of Object.entries(spent)) {
  console.log(
    `${name.padEnd(38)} ${seconds.toFixed(2).padStart(6)} CPU-s  ${Math.round(events / seconds)
      .toLocaleString('en-US')
      .padStart(10)} events/CPU-s`,
  );
}
