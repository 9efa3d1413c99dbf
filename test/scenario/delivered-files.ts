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

export async function readCloudTrail(root: string): Promise<Delivered<Json>[]> {
  const files = (await listFiles(root)).filter((file) => file.startsWith('AWSLogs/'));
  const records: Delivered<Json>[] = [];
  for (const file of files) {
    const { Records } = JSON.parse(await gunzipText(root, file)) as { Records: Json[] };
    for (const value of Records) records.push({ file, value });
  }
  return records;
}

export async function readFindingEvents(root: string): Promise<Delivered<Json>[]> {
  const files = (await listFiles(root)).filter((file) => file.startsWith('securityhub/'));
  const events: Delivered<Json>[] = [];
  for (const file of files) {
    const lines = (await gunzipText(root, file)).split('\n').filter((line) => line !== '');
    for (const line of lines) events.push({ file, value: JSON.parse(line) as Json });
  }
  return events;
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
