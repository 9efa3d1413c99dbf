// Fills one delivery window of one account and region with benign records drawn from the catalog.
// Each window has its own random stream, so a window's content never depends on any other.

import { type Activity, BENIGN_ACTIVITIES } from './benign-activity-catalog.ts';
import { buildRecord, type CloudTrailRecord } from './cloudtrail-record-builder.ts';
import { WINDOW_MS } from './delivery-schedule.ts';
import type { Account, Organization } from './organization.ts';
import { type SeededRandom, WeightedTable } from './seeded-random.ts';

/** A record with its time kept as a number, so a window's records sort without reparsing. */
export interface TimedRecord {
  readonly timeMs: number;
  readonly record: CloudTrailRecord;
}

/** A record placed at a fixed time rather than drawn by the schedule: the incident, the nightly backups. */
export interface PlantedRecord extends TimedRecord {
  readonly accountId: string;
  readonly region: string;
}

export class BenignActivity {
  readonly #seed: number;
  readonly #org: Organization;
  readonly #tables = new Map<string, WeightedTable<Activity>>();

  constructor(seed: number, org: Organization) {
    this.#seed = seed;
    this.#org = org;
  }

  /** `count` records spread over the window starting at `startMs`, in time order. */
  fillWindow(rng: SeededRandom, account: Account, region: string, startMs: number, count: number): TimedRecord[] {
    const offsets: number[] = [];
    // eventTime has whole seconds, so draw whole seconds.
    for (let i = 0; i < count; i++) offsets.push(rng.int(WINDOW_MS / 1000) * 1000);
    offsets.sort((a, b) => a - b);
    const table = this.#table(account.id, region);
    return offsets.map((offset) => {
      const timeMs = startMs + offset;
      const ctx = { seed: this.#seed, org: this.#org, account, region, rng, timeMs };
      const { caller, call } = table.pick(rng).build(ctx);
      const record = buildRecord({ rng, timeMs, region, recipientAccountId: account.id }, caller, call);
      return { timeMs, record };
    });
  }

  #table(accountId: string, region: string): WeightedTable<Activity> {
    const key = `${accountId}/${region}`;
    let table = this.#tables.get(key);
    if (table === undefined) {
      const eligible = BENIGN_ACTIVITIES.filter((activity) => activity.where?.(accountId, region) ?? true);
      table = new WeightedTable(eligible.map((activity) => [activity, activity.weight] as const));
      this.#tables.set(key, table);
    }
    return table;
  }
}
