// How many benign records each CloudTrail delivery file holds. A trail delivers one file per
// account, region and ~5 minutes; the counts follow office hours and weekends and sum exactly to the
// size asked for, so generation can stream slot by slot without holding records.

import { REGIONS, type Region } from './organization.ts';
import { type SeededRandom, streamFor } from './seeded-random.ts';

export const SCENARIO_START_MS = Date.UTC(2024, 2, 1);
/** Exclusive: the last events fall on 2024-03-20. */
export const SCENARIO_END_MS = Date.UTC(2024, 2, 21);
export const WINDOW_MS = 5 * 60 * 1000;
export const WINDOW_COUNT = (SCENARIO_END_MS - SCENARIO_START_MS) / WINDOW_MS;

const REGION_WEIGHT: Record<Region, number> = { 'us-east-1': 0.45, 'us-west-2': 0.4, 'eu-west-1': 0.15 };
/** Relative traffic per UTC hour: automation all day, people on US hours. */
const HOUR_WEIGHT = [
  0.5, 0.45, 0.4, 0.35, 0.35, 0.35, 0.4, 0.45, 0.55, 0.6, 0.7, 0.8, 0.9, 1.1, 1.4, 1.6, 1.7, 1.7, 1.6, 1.6, 1.5, 1.2,
  0.9, 0.7,
];

export interface Slot {
  readonly accountIndex: number;
  readonly regionIndex: number;
  readonly window: number;
}

export function slotIndex(slot: Slot): number {
  return (slot.accountIndex * REGIONS.length + slot.regionIndex) * WINDOW_COUNT + slot.window;
}

export function slotOf(accountIndex: number, region: string, timeMs: number): Slot {
  const regionIndex = REGIONS.indexOf(region as Region);
  if (regionIndex < 0) throw new RangeError(`unknown region ${region}`);
  const window = Math.floor((timeMs - SCENARIO_START_MS) / WINDOW_MS);
  if (window < 0 || window >= WINDOW_COUNT)
    throw new RangeError(`time ${new Date(timeMs).toISOString()} outside the scenario`);
  return { accountIndex, regionIndex, window };
}

export function windowStartMs(window: number): number {
  return SCENARIO_START_MS + window * WINDOW_MS;
}

/**
 * Benign record counts for every slot, indexed by slotIndex. Cumulative rounding of the weights
 * makes the counts sum to exactly `total` whatever the weights are.
 */
export function allocateCounts(seed: number, accountWeights: readonly number[], total: number): Uint32Array {
  const siteWeights = accountWeights.flatMap((weight) => REGIONS.map((region) => weight * REGION_WEIGHT[region]));
  return allocateOverTime(streamFor(seed, 'schedule'), siteWeights, WINDOW_MS, total);
}

/** A site's share of the organization's traffic in one region: its account's share times the region's. */
export function regionalWeight(accountWeight: number, region: Region): number {
  return accountWeight * REGION_WEIGHT[region];
}

/**
 * Spreads `total` records over sites (anything that delivers logs: a trail's account and region, a VPC, a
 * web ACL) and windows of `windowMs` across the scenario, following office hours and weekends. The result
 * is indexed `site * windowCount + window` and sums to exactly `total`.
 */
export function allocateOverTime(
  noise: SeededRandom,
  siteWeights: readonly number[],
  windowMs: number,
  total: number,
): Uint32Array {
  const windows = (SCENARIO_END_MS - SCENARIO_START_MS) / windowMs;
  const slots = siteWeights.length * windows;
  const cumulative = new Float64Array(slots);
  let sum = 0;
  for (let site = 0; site < siteWeights.length; site++) {
    for (let w = 0; w < windows; w++) {
      const weight =
        (siteWeights[site] ?? 0) * timeWeight(SCENARIO_START_MS + w * windowMs) * (0.6 + 0.8 * noise.next());
      sum += weight;
      cumulative[site * windows + w] = sum;
    }
  }
  const counts = new Uint32Array(slots);
  let allocated = 0;
  for (let i = 0; i < slots - 1; i++) {
    const upTo = Math.floor((total * (cumulative[i] ?? 0)) / sum);
    counts[i] = upTo - allocated;
    allocated = upTo;
  }
  counts[slots - 1] = total - allocated;
  return counts;
}

function timeWeight(timeMs: number): number {
  const date = new Date(timeMs);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  const hour = HOUR_WEIGHT[date.getUTCHours()] ?? 1;
  // Weekends keep the automation and lose most of the people.
  return weekend ? 0.4 + (hour - 0.4) * 0.25 : hour;
}
