// Lands the inputs of a batch in the order they were read, whichever finishes first: worker threads map
// inputs in parallel, but the tally, the dead-letter entries and the staged rows must come out as one thread
// reading the inputs in turn would make them, so that a batch's results never depend on timing.

interface Slot {
  ready: boolean;
  run: () => void;
  readonly bytes: number;
}

/**
 * What may be in flight before `add` asks its caller to wait, which bounds memory: `inputs`, or `fewInputs`
 * once they hold `bytes` (many small inputs keep workers busy; a few large ones already fill memory).
 */
export interface LandingLimit {
  readonly inputs: number;
  readonly fewInputs: number;
  readonly bytes: number;
}

export class OrderedLanding {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private failure: { readonly error: unknown } | null = null;
  private bytes = 0;
  /** Set by `holdUntil`: nothing more lands until it settles. */
  private held: Promise<void> | null = null;
  private readonly limit: LandingLimit;

  /** `limit`: inputs in flight before `add` asks its caller to wait (a number: whatever their bytes). */
  constructor(limit: number | LandingLimit) {
    this.limit = typeof limit === 'number' ? { inputs: limit, fewInputs: limit, bytes: 0 } : limit;
  }

  /**
   * Lands `work` once it is done and everything added before it has landed: at once when nothing is in
   * flight and `work` is not a promise. Returns a promise when the caller should wait for room. `bytes`: what
   * the work holds until it lands, as the limit counts it.
   */
  add<T>(work: T | Promise<T>, land: (done: T) => void, bytes = 0): Promise<void> | undefined {
    this.throwIfFailed();
    if (!(work instanceof Promise)) {
      if (this.slots.length === 0 && this.held === null) {
        land(work);
        return this.held ?? undefined;
      }
      this.slots.push({ ready: true, run: () => land(work), bytes });
    } else {
      const slot: Slot = { ready: false, run: () => {}, bytes };
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
    this.bytes += bytes;
    return this.full() ? new Promise((resolve) => this.waiting.push(resolve)) : undefined;
  }

  /**
   * Called from a `land`: nothing added after that input lands until `work` settles (the members of an archive
   * found inside the input, landing in its place). When `add` landed that input at once, it asks its caller to
   * wait for `work`.
   */
  holdUntil(work: Promise<void>): void {
    const held: Promise<void> = work.then(
      () => {
        if (this.held === held) this.held = null;
        this.pump();
      },
      (error: unknown) => this.fail(error),
    );
    this.held = held;
  }

  /** Waits until everything added has landed; throws what failed, if anything did. */
  async settle(): Promise<void> {
    while ((this.slots.length > 0 || this.held !== null) && this.failure === null) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.throwIfFailed();
  }

  private pump(): void {
    try {
      while (this.held === null && this.slots[0]?.ready && this.failure === null) {
        const slot = this.slots.shift() as Slot;
        this.bytes -= slot.bytes;
        slot.run();
      }
    } catch (error) {
      this.fail(error);
    }
    if (!this.full() || this.failure !== null) this.wake();
  }

  private full(): boolean {
    const { inputs, fewInputs, bytes } = this.limit;
    const count = this.slots.length;
    return count >= inputs || (count >= fewInputs && this.bytes >= bytes);
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.slots.length = 0;
    this.bytes = 0;
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure.error;
  }
}
