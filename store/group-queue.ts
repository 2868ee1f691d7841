/**
 * Group commit: items submitted while a batch is being processed wait and go
 * together in the next one. An item submitted to an idle queue starts a batch
 * of its own at once, so a lone caller never waits for company.
 *
 * The store sends its writes through one queue (one batch at a time, so
 * batches are planned and applied in order) and, for RocksDB, its reads
 * through another, so reads never wait for writes.
 */

interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupQueueInit {
  /** Most items in one batch. */
  readonly maxBatch: number;
  /** Most batches processed at the same time (1: strictly one after the other). */
  readonly maxRunning: number;
}

export class GroupQueue<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  /** `processBatch` gives one result per item, in order, or throws to fail every item of the batch. */
  constructor(
    private readonly processBatch: (items: readonly Item[]) => Promise<readonly Result[]>,
    private readonly init: GroupQueueInit,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running < this.init.maxRunning) void this.drain();
    });
  }

  /** Resolves once nothing is waiting or being processed. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running += 1;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.init.maxBatch);
      try {
        const results = await this.processBatch(batch.map(({ item }) => item));
        for (const [index, { resolve }] of batch.entries()) resolve(results[index]!);
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    this.running -= 1;
    if (this.running === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }
}
