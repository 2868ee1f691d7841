import { setMaxListeners } from 'node:events';

/** Admissions taken from the front of a window's queue before the rest is moved down. */
const COMPACT_AFTER = 1024;

/** A bounded window of parallel operations (blocks, a directory's files): at most `size` run at once, the rest wait their turn. */
export class Window {
  private active = 0;
  /** Waiting operations' admissions, first from `head` on: taking the first shifts no array (a file's fetch queues hundreds). */
  private queue: Array<() => void> = [];
  private head = 0;

  /** Operations waiting for a place. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a window holds at least one operation');
  }

  /** Waits for a free place (or the abort), runs `operation` in it, and frees the place when it settles. */
  async run<T>(operation: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.enter(signal);
    try {
      return await operation();
    } finally {
      this.active--;
      this.admitNext();
    }
  }

  private admitNext(): void {
    if (this.head === this.queue.length) return;
    const admit = this.queue[this.head++]!;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && 2 * this.head > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    admit();
  }

  private enter(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.size) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const admit = (): void => {
        signal?.removeEventListener('abort', abort);
        this.active++;
        resolve();
      };
      const abort = (): void => {
        const index = this.queue.indexOf(admit, this.head);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.queue.push(admit);
    });
  }
}

/**
 * `operation` over every item, at most `size` at once, the results in item order. After the
 * first failure no further item starts (those running finish), and the failure is thrown.
 */
export async function mapInWindow<T, R>(items: readonly T[], size: number, operation: (item: T) => Promise<R>): Promise<R[]> {
  const window = new Window(size);
  const failed = new AbortController();
  setMaxListeners(0, failed.signal); // one listener per item waiting for a place
  const runs = items.map((item) =>
    window.run(async () => {
      failed.signal.throwIfAborted();
      try {
        return await operation(item);
      } catch (error) {
        if (!failed.signal.aborted) failed.abort(error);
        throw error;
      }
    }, failed.signal),
  );
  const settled = await Promise.allSettled(runs);
  if (failed.signal.aborted) throw failed.signal.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<R>).value);
}
