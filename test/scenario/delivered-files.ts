// Reads a generated scenario back the way an ingester would: walk the tree, gunzip, parse.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type Json = Record<string, unknown>;

export interface Delivered<T> {
  /** Path relative to the scenario folder, with forward slashes. */
  readonly file: string;
  readonly value: T;
}

export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

async function gunzipText(root: string, file: string): Promise<string> {
  return gunzipSync(await readFile(join(root, file))).toString('utf8');
}

/** The files of one AWS service under `AWSLogs/<account>/<service>/`. */
async function serviceFiles(root: string, service: string): Promise<string[]> {
  return (await listFiles(root)).filter((file) => file.startsWith('AWSLogs/') && file.split('/')[2] === service);
}

export async function readCloudTrail(root: string): Promise<Delivered<Json>[]> {
  const files = await serviceFiles(root, 'CloudTrail');
  const records: Delivered<Json>[] = [];
  for (const file of files) {
    const { Records } = JSON.parse(await gunzipText(root, file)) as { Records: Json[] };
    for (const value of Records) records.push({ file, value });
  }
  return records;
}

async function readJsonLines(root: string, files: readonly string[]): Promise<Delivered<Json>[]> {
  const events: Delivered<Json>[] = [];
  for (const file of files) {
    const lines = (await gunzipText(root, file)).split('\n').filter((line) => line !== '');
    for (const line of lines) events.push({ file, value: JSON.parse(line) as Json });
  }
  return events;
}

export async function readFindingEvents(root: string): Promise<Delivered<Json>[]> {
  return readJsonLines(
    root,
    (await listFiles(root)).filter((file) => file.startsWith('securityhub/')),
  );
}

/** Route 53 Resolver query logs, one query a line. */
export async function readResolverQueries(root: string): Promise<Delivered<Json>[]> {
  return readJsonLines(root, await serviceFiles(root, 'vpcdnsquerylogs'));
}

export async function readWafRequests(root: string): Promise<Delivered<Json>[]> {
  return readJsonLines(root, await serviceFiles(root, 'WAFLogs'));
}

/** VPC flow log records keyed by their header's field names, `-` kept as written; `header` is the file's first line. */
export async function readFlowLogs(
  root: string,
): Promise<Delivered<{ header: string; fields: Record<string, string> }>[]> {
  const records: Delivered<{ header: string; fields: Record<string, string> }>[] = [];
  for (const file of await serviceFiles(root, 'vpcflowlogs')) {
    const [header = '', ...lines] = (await gunzipText(root, file)).split('\n').filter((line) => line !== '');
    const names = header.split(' ');
    for (const line of lines) {
      const values = line.split(' ');
      records.push({
        file,
        value: { header, fields: Object.fromEntries(names.map((name, i) => [name, values[i] ?? ''])) },
      });
    }
  }
  return records;
}

/** Reads a nested field such as `userIdentity.userName`; undefined when any step is missing. */
export function field(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Json)[key];
  }
  return current;
}
