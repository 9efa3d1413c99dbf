// The bench's second layout: the same CloudTrail events as the scenario's 51,854 small delivery files, packed
// into large gzipped `{"Records":[...]}` files of 5,000 events each (1M events: 200 files), as a busy
// account's trail delivers them. Records keep the scenario's order by account and region; each file sits
// under the AWSLogs/<account>/CloudTrail/<region>/ folder of its first record.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const EVENTS_PER_LARGE_FILE = 5_000;

/** Writes the large-file layout of `smallDir` into `largeDir`; returns the number of files written. */
export function writeLargeDeliveryFiles(smallDir: string, largeDir: string): number {
  const files = readdirSync(join(smallDir, 'AWSLogs'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json.gz'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  let pending: Record<string, unknown>[] = [];
  let written = 0;
  const flush = () => {
    const first = pending[0] ?? {};
    const folder = join(largeDir, 'AWSLogs', String(first.recipientAccountId), 'CloudTrail', String(first.awsRegion));
    mkdirSync(folder, { recursive: true });
    const name = `${String(first.recipientAccountId)}_CloudTrail_${String(first.awsRegion)}_${String(written).padStart(5, '0')}.json.gz`;
    writeFileSync(join(folder, name), gzipSync(JSON.stringify({ Records: pending })));
    written++;
    pending = [];
  };
  for (const file of files) {
    const { Records } = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
      Records: Record<string, unknown>[];
    };
    for (const record of Records) {
      pending.push(record);
      if (pending.length === EVENTS_PER_LARGE_FILE) flush();
    }
  }
  if (pending.length > 0) flush();
  return written;
}
