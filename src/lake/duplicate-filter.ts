// Tells, for each row key of a batch, whether it may have been seen before in the batch, in a fixed 64 MiB
// whatever the batch's size (a Bloom filter). "No" is certain, so a partition none of whose keys may repeat
// is written without DuckDB's de-duplication window, which is the costliest part of the write; "maybe"
// only sends the partition through that window, which keeps the earliest row of each key exactly.

const BITS_LOG2 = 29;
const MASK = (1 << BITS_LOG2) - 1;
/**
 * A false "maybe" sends a whole source to the de-duplication groups (parquet-batch-writer.ts), so it must stay
 * rare at the largest batches too: over 10M keys, 4 probes make about 54 false "maybe"s (one is enough), 8 about
 * 0.15; over 1M keys both well under one.
 */
const PROBES = 8;

export class DuplicateFilter {
  private readonly bits = new Uint32Array(1 << (BITS_LOG2 - 5));

  /** Adds `key`; true when it may have been added before. */
  addAndCheck(key: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h2 |= 1;
    let seen = true;
    for (let probe = 0; probe < PROBES; probe++) {
      const bit = (h1 + Math.imul(probe, h2)) & MASK;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      const bits = this.bits[word] ?? 0;
      if ((bits & flag) === 0) {
        seen = false;
        this.bits[word] = bits | flag;
      }
    }
    return seen;
  }
}
