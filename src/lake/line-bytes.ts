// An input's rows as newline-delimited JSON, written as UTF-8 as each row is made: the bytes are what the
// staging file takes and what a worker thread hands over without a copy, and no string of all the lines is
// ever built (joining thousands of rows into one string, then encoding it, kept them all alive in the heap).

const INITIAL_BYTES = 64 << 10;

export class LineBytes {
  // Not from Buffer's shared pool: a worker transfers the whole ArrayBuffer behind these bytes.
  private buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private length = 0;

  add(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    const room = line.length * 3 + 1;
    if (this.length + room > this.buffer.length) this.grow(this.length + room);
    this.length += this.buffer.write(line, this.length);
    this.buffer[this.length++] = 0x0a;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const larger = Buffer.allocUnsafeSlow(Math.max(needed, 2 * this.buffer.length));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}
