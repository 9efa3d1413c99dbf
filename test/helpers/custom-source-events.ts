// OCSF API Activity events for custom-source tests, valid unless a test breaks them on purpose, and a
// runner for the reference validator on the same events.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { SHARED } from './ocsf-validator.ts';

export const OCSF_SCHEMA = join(SHARED, 'ocsf/ocsf-1.1.0.json');

export type OcsfEvent = Record<string, unknown>;

/** A valid API Activity (6003) event at `time` (ms), in us-east-1 of account 111122223333 unless overridden. */
export function apiActivity(uid: string | null, time: number, extra: OcsfEvent = {}): OcsfEvent {
  return {
    class_uid: 6003,
    category_uid: 6,
    activity_id: 1,
    type_uid: 600301,
    severity_id: 1,
    time,
    metadata: {
      version: '1.1.0',
      profiles: ['cloud'],
      product: { name: 'Acme API', vendor_name: 'Acme' },
      ...(uid === null ? {} : { uid }),
    },
    actor: { user: { name: `user-of-${uid ?? time}` } },
    api: { operation: 'CreateWidget' },
    src_endpoint: { ip: '10.0.0.1' },
    cloud: { provider: 'AWS', region: 'us-east-1', account: { uid: '111122223333' } },
    ...extra,
  };
}

export function jsonLines(events: readonly unknown[]): string {
  return `${events.map((event) => JSON.stringify(event)).join('\n')}\n`;
}

/**
 * Writes events to `path` as Parquet, the way a producer using DuckDB would: `select` shapes the columns of
 * `events`, the events as DuckDB reads JSON lines by itself (every column's type guessed from the values).
 */
export async function writeEventsParquet(
  path: string,
  events: readonly OcsfEvent[],
  select = 'SELECT * FROM events',
): Promise<void> {
  const lines = join(mkdtempSync(join(tmpdir(), 'tarn-ocsf-parquet-')), 'events.jsonl');
  writeFileSync(lines, jsonLines(events));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `CREATE VIEW events AS SELECT * FROM read_json('${lines}', format = 'newline_delimited', sample_size = -1)`,
    );
    await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** validate.py's errors for each event, as sorted `kind path` strings. */
export function referenceErrors(events: readonly OcsfEvent[]): string[][] {
  const file = join(mkdtempSync(join(tmpdir(), 'tarn-ocsf-ref-')), 'events.jsonl');
  writeFileSync(file, jsonLines(events));
  let stdout: string;
  try {
    stdout = execFileSync('python3', [join(SHARED, 'ocsf/validate.py'), OCSF_SCHEMA, file, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    stdout = (error as { stdout: string }).stdout;
  }
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{"event"'))
    .map((line) => (JSON.parse(line) as { errors: { kind: string; path: string }[] }).errors)
    .map((errors) => errors.map((error) => `${error.kind} ${error.path}`).sort());
}
