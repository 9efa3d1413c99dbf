// Synthetic staged rows, as the stager stages them: a few columns of CloudTrail rows of one partition, so that
// tests of the batch writer stay cheap.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StagedPartition } from '../../src/lake/partition-stager.ts';

export const STAGED_ACCOUNT = '111122223333';
const DAY_MS = 86_400_000;

/** `rows` rows of one partition (`day` days after 2024-03-01), with ids from `first`, staged in `dir`. */
export function stagedPartition(dir: string, region: string, first: number, rows: number, day = 0): StagedPartition {
  const start = Date.UTC(2024, 2, 1) + day * DAY_MS;
  const lines: string[] = [];
  for (let i = first; i < first + rows; i++) {
    const time = start + i;
    lines.push(
      JSON.stringify({
        metadata: { uid: `event-${day}-${i}` },
        time,
        time_dt: new Date(time).toISOString(),
        class_uid: 6003,
        accountid: STAGED_ACCOUNT,
        region,
      }),
    );
  }
  const path = join(dir, `${region}-${day}-${first}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const partition = [region, STAGED_ACCOUNT, new Date(start).toISOString().slice(0, 10)].join('\0');
  return { source: 'cloud_trail_mgmt', partition, path, rows, mayRepeat: false };
}
