import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allocateCounts, slotOf, WINDOW_COUNT } from '../../src/scenario/delivery-schedule.ts';
import { SeededRandom } from '../../src/scenario/seeded-random.ts';

const sum = (counts: Uint32Array): number => counts.reduce((total, n) => total + n, 0);

test('slot counts add up to exactly the total asked for, whatever the total', () => {
  for (const total of [0, 1, 17, 4_999, 1_000_003]) {
    const counts = allocateCounts(3, [0.5, 0.3, 0.2], total);
    assert.equal(counts.length, 3 * 3 * WINDOW_COUNT);
    assert.equal(sum(counts), total);
  }
});

test('busier accounts get more records, and the split is reproducible', () => {
  const counts = allocateCounts(5, [0.6, 0.4], 100_000);
  const perAccount = counts.length / 2;
  const first = sum(counts.subarray(0, perAccount));
  assert.ok(first > 100_000 * 0.55 && first < 100_000 * 0.65, `first account got ${first}`);
  assert.deepEqual(allocateCounts(5, [0.6, 0.4], 100_000), counts);
  assert.notDeepEqual(allocateCounts(6, [0.6, 0.4], 100_000), counts);
});

test('times outside 1–20 March 2024 have no slot', () => {
  assert.throws(() => slotOf(0, 'us-east-1', Date.parse('2024-02-29T23:59:59Z')), RangeError);
  assert.throws(() => slotOf(0, 'us-east-1', Date.parse('2024-03-21T00:00:00Z')), RangeError);
  assert.equal(slotOf(0, 'us-east-1', Date.parse('2024-03-20T23:59:59Z')).window, WINDOW_COUNT - 1);
});

test('the random source repeats for a seed and ids have AWS shapes', () => {
  const a = new SeededRandom(9);
  const b = new SeededRandom(9);
  const draws = Array.from({ length: 50 }, () => a.nextUint32());
  assert.deepEqual(
    Array.from({ length: 50 }, () => b.nextUint32()),
    draws,
  );
  const c = new SeededRandom(10);
  assert.notDeepEqual(
    Array.from({ length: 50 }, () => c.nextUint32()),
    draws,
  );
  assert.match(a.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(a.upperAlnum(16), /^[A-Z2-7]{16}$/);
});
