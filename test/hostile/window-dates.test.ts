// Issue 10, item 9: an impossible date is refused rather than rolled over to the next month.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWindowTime } from '../../src/time/window-time.ts';

test('--from 2024-02-30 and other impossible days are refused; real ones still parse', () => {
  for (const text of ['2024-02-30', '2023-02-29T10:00:00Z', '2024-04-31 12:00', '2024-13-01']) {
    assert.throws(() => parseWindowTime(text, 'from'), /--from must be an ISO-8601 time/, text);
  }
  assert.equal(parseWindowTime('2024-02-29', 'from'), Date.parse('2024-02-29T00:00:00Z'));
  assert.equal(parseWindowTime('2024-02-29', 'to'), Date.parse('2024-02-29T23:59:59.999Z'));
  assert.equal(parseWindowTime('2024-03-10T14:00:00+01:00', 'from'), Date.parse('2024-03-10T13:00:00Z'));
});
