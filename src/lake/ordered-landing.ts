// Lands the inputs of a batch in the order they were read, whichever finishes first: worker threads map
// inputs in parallel, but the tally, the dead-letter entries and the staged rows must come out as one thread
// reading the inputs in turn would make them, so that a batch's results never depend on timing.

interface Slot {
  ready: boolean;
  run: () => void;
}

export class OrderedLanding {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private failure: { readonly error: unknown } | null = null;

  /** `limit`: inputs in flight before `add` asks its caller to wait, which bounds memory. */
  constructor(private readonly limit: number) {}

  /**
   * Lands `work` once it is done and everything added before it has landed: at once when nothing is in
   * flight and `work` is not a promise. Returns a promise when the caller should wait for room.
   */
  add<T>(work: T | Promise<T>, land: (done: T) => void): Promise<void> | undefined {
    this.throwIfFailed();
    if (!(work instanceof Promise)) {
      if (this.slots.length === 0) {
        land(work);
        return undefined;
      }
      this.slots.push({ ready: true, run: () => land(work) });
    } else {
      const slot: Slot = { ready: false, run: () => {} };
      this.slots.push(slot);
      work.then(
        (done) => {
          slot.run = () => land(done);
          slot.ready = true;
          this.pump();
        },
        (error: unknown) => this.fail(error),
      );
    }
    return this.slots.length >= this.limit ? new Promise((resolve) => this.waiting.push(resolve)) : undefined;
  }

  /** Waits until everything added has landed; throws what failed, if anything did. */
  async settle(): Promise<void> {
    while (this.slots.length > 0 && this.failure === null) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.throwIfFailed();
  }

  private pump(): void {
    try {
      while (this.slots[0]?.ready && this.failure === null) (this.slots.shift() as Slot).run();
    } catch (error) {
      this.fail(error);
    }
    if (this.slots.length < this.limit || this.failure !== null) this.wake();
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.slots.length = 0;
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure.error;
  }
}
