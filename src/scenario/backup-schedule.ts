// Service_Backup's normal life before and after the leak: one nightly run from the backup server
// that lists the backup bucket and uploads a dump and its manifest. It gives investigators the
// baseline (address, agent, S3-only) that the attacker's use of the same key breaks.

import type { PlantedRecord } from './benign-activity.ts';
import { backupJobCaller } from './benign-callers.ts';
import { buildRecord } from './cloudtrail-record-builder.ts';
import { SCENARIO_END_MS, SCENARIO_START_MS } from './delivery-schedule.ts';
import type { Organization } from './organization.ts';
import { listObjects, s3ObjectCall } from './s3-api-calls.ts';
import { streamFor } from './seeded-random.ts';

const DAY_MS = 86_400_000;
const RUN_OFFSET_MS = (3 * 60 + 10) * 60_000;

export function planNightlyBackups(seed: number, org: Organization): PlantedRecord[] {
  const rng = streamFor(seed, 'nightly-backups');
  const caller = backupJobCaller(org);
  const bucket = org.backupBucket;
  const site = (timeMs: number) => ({ rng, timeMs, region: bucket.region, recipientAccountId: bucket.accountId });
  const records: PlantedRecord[] = [];
  for (let dayMs = SCENARIO_START_MS; dayMs < SCENARIO_END_MS; dayMs += DAY_MS) {
    const startMs = dayMs + RUN_OFFSET_MS + rng.int(120) * 1000;
    const folder = `nightly/${new Date(dayMs).toISOString().slice(0, 10)}/`;
    const dumpSize = rng.between(180_000_000, 260_000_000);
    const calls = [
      listObjects(rng, bucket, folder),
      s3ObjectCall(rng, 'PutObject', bucket, `${folder}orders-db.sql.gz`, { size: dumpSize }),
      s3ObjectCall(rng, 'PutObject', bucket, `${folder}manifest.json`, { size: rng.between(400, 900) }),
    ];
    calls.forEach((call, step) => {
      const timeMs = startMs + step * 95_000;
      const record = buildRecord(site(timeMs), caller, call);
      records.push({ accountId: bucket.accountId, region: bucket.region, timeMs, record });
    });
  }
  return records;
}
