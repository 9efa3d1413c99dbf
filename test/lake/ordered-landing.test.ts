// Inputs mapped in parallel land in the order they were read, and reading waits while too many are in flight.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ingestWorkers, MESSAGE_BYTES, sendsFirst } from '../../src/lake/ingest-worker-pool.ts';
import { OrderedLanding } from '../../src/lake/ordered-landing.ts';

function later<T>(value: T, ms: number): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

test('work that finishes out of order lands in the order it was added', async () => {
  const landing = new OrderedLanding(10);
  const landed: string[] = [];
  const land = (name: string) => landed.push(name);
  landing.add(later('a', 30), land);
  landing.add('b', land);
  landing.add(later('c', 1), land);
  landing.add(later('d', 10), land);
  assert.deepEqual(landed, [], 'nothing lands before the first');
  await landing.settle();
  assert.deepEqual(landed, ['a', 'b', 'c', 'd']);
  landing.add('e', land);
  assert.deepEqual(landed.at(-1), 'e', 'with nothing in flight, ready work lands at once');
});

test('add asks the caller to wait once the limit is in flight, until the first lands', async () => {
  const landing = new OrderedLanding(2);
  const landed: number[] = [];
  assert.equal(
    landing.add(later(1, 5), (n) => landed.push(n)),
    undefined,
  );
  const wait = landing.add(later(2, 1), (n) => landed.push(n));
  assert.ok(wait instanceof Promise);
  await wait;
  assert.deepEqual(landed, [1, 2]);
});

test('many small inputs may be in flight, but only a few once they hold the byte limit', async () => {
  const limit = { inputs: 8, fewInputs: 2, bytes: 100 };
  const small = new OrderedLanding(limit);
  const waits = Array.from({ length: 8 }, (_, i) => small.add(later(i, 1), () => {}, 10));
  assert.deepEqual(
    waits.map((wait) => wait instanceof Promise),
    [false, false, false, false, false, false, false, true],
  );
  await small.settle();
  const large = new OrderedLanding(limit);
  assert.equal(
    large.add(later(0, 1), () => {}, 80),
    undefined,
  );
  assert.ok(large.add(later(1, 1), () => {}, 80) instanceof Promise, 'two inputs hold more than the limit');
  await large.settle();
});

test('a landing that holds the rest lands its own work in its place; what came after waits for it', async () => {
  const landing = new OrderedLanding(10);
  const landed: string[] = [];
  const land = (name: string) => landed.push(name);
  const holding = (name: string) => {
    landed.push(name);
    // An archive found inside the input: its members land, on their own, before anything added after it.
    landing.holdUntil(
      later(`${name} members`, 20)
        .then(land)
        .then(() => undefined),
    );
  };
  landing.add(later('a', 5), land);
  landing.add(later('b', 1), holding);
  landing.add('c', land);
  landing.add(later('d', 1), land);
  await landing.settle();
  assert.deepEqual(landed, ['a', 'b', 'b members', 'c', 'd']);

  const wait = landing.add('e', holding);
  assert.ok(wait instanceof Promise, 'landed at once, it asks its caller to wait for the hold');
  landing.add('f', land);
  await wait;
  await landing.settle();
  assert.deepEqual(landed.slice(5), ['e', 'e members', 'f']);
});

test('a failure surfaces on the next add or at settle, and nothing after it lands', async () => {
  const landing = new OrderedLanding(4);
  const landed: number[] = [];
  landing.add(Promise.reject(new Error('worker died')), () => landed.push(0));
  landing.add(later(1, 1), (n) => landed.push(n));
  await assert.rejects(landing.settle(), /worker died/);
  assert.throws(() => landing.add(2, (n) => landed.push(n)), /worker died/);
  assert.deepEqual(landed, []);
});

test('TARN_INGEST_WORKERS sets the pool size; unset, one per CPU once the batch is large enough', () => {
  assert.deepEqual(ingestWorkers({ TARN_INGEST_WORKERS: '0' }), { count: 0, startAfterBytes: 0 });
  assert.deepEqual(ingestWorkers({ TARN_INGEST_WORKERS: '3' }), { count: 3, startAfterBytes: 0 });
  const auto = ingestWorkers({});
  assert.ok(auto.count >= 1 && auto.startAfterBytes > 0);
  assert.throws(() => ingestWorkers({ TARN_INGEST_WORKERS: 'two' }), /TARN_INGEST_WORKERS: "two"/);
});

test('a message to a worker holds small inputs together, and an input that would take it past its size starts the next', () => {
  const large = 800 << 10;
  assert.equal(sendsFirst({ inputs: 0, bytes: 0 }, large), false);
  assert.equal(sendsFirst({ inputs: 1, bytes: large }, large), true, 'two large delivery files go one to a message');
  assert.equal(
    sendsFirst({ inputs: 0, bytes: 0 }, 3 * MESSAGE_BYTES),
    false,
    'an input larger than a message goes alone',
  );
  assert.equal(sendsFirst({ inputs: 40, bytes: 40 * 6000 }, 6000), false);
  assert.equal(sendsFirst({ inputs: 40, bytes: MESSAGE_BYTES - 100 }, 6000), true);
});
