// An input's rows as newline-delimited JSON, written as UTF-8 as each row is made: the bytes are what the
// staging file takes and what a worker thread hands over without a copy, and no string of all the lines is
// ever built (joining thousands of rows into one string, then encoding it, kept them all alive in the heap).

const INITIAL_BYTES = 64 << 10;
/**
 * Buffers of inputs already handed over, for the next inputs to write into: a small delivery file's few rows
 * took a fresh 64 KiB for each of its sources, and that allocation, handed to the main thread and held until
 * staged, made V8 run a full collection every 75 files (external memory; 9 bytes held for each byte staged).
 * Large buffers are kept too: a delivery file of 5,000 events grew each of its partitions' buffers from 64 KiB
 * to megabytes, copying them at each doubling, input after input.
 */
const spare: Buffer[] = [];
const SPARE_BUFFERS = 16;
const SPARE_TOTAL_BYTES = 64 << 20;
let spareBytes = 0;

export class LineBytes {
  // Not from Buffer's shared pool: the buffer is reused, and copied out whole (`copyTo`).
  private buffer = takeSpare() ?? Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private used = 0;

  get length(): number {
    return this.used;
  }

  add(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    const room = line.length * 3 + 1;
    if (this.used + room > this.buffer.length) this.grow(this.used + room);
    this.used += this.buffer.write(line, this.used);
    this.buffer[this.used++] = 0x0a;
  }

  /** Copies the lines into `target` at `offset`; the buffer then serves the next input's lines. */
  copyTo(target: Uint8Array, offset: number): Uint8Array {
    this.buffer.copy(target, offset, 0, this.used);
    if (spare.length < SPARE_BUFFERS && spareBytes + this.buffer.length <= SPARE_TOTAL_BYTES) {
      spare.push(this.buffer);
      spareBytes += this.buffer.length;
    }
    this.buffer = Buffer.alloc(0);
    return target.subarray(offset, offset + this.used);
  }

  private grow(needed: number): void {
    const larger = Buffer.allocUnsafeSlow(Math.max(needed, 2 * this.buffer.length));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }
}

/**
 * Lets the spare buffers go: a batch's reading is over, and on the main thread (no workers) they would otherwise
 * stay resident through DuckDB's write, whose peak is the ingest's.
 */
export function releaseSpareLineBuffers(): void {
  spare.length = 0;
  spareBytes = 0;
}

function takeSpare(): Buffer | undefined {
  const buffer = spare.pop();
  if (buffer !== undefined) spareBytes -= buffer.length;
  return buffer;
}
