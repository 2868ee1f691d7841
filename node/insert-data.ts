/**
 * The second step of an insert (spec/routing.md §5): a node that answered an InsertRequest
 * with InsertAccepted waits here for the block, which the same peer sends in an InsertData
 * under the same tx. Each wait belongs to an admitted InsertRequest (so the load limiter
 * bounds them) and ends when the block comes, when the peer goes, on a timer, or when the
 * node stops.
 *
 *   inserts.ts ──expect(from, tx)──> AwaitedInsertData ──block, or undefined──> inserts.ts
 *   Node ──insertData message──> deliver(from, tx, block);  ──peerDisconnected / stop──> end waits
 */
import type { Clock, TimerHandle } from './components.js';
import type { PeerId } from './transport.js';

interface Wait {
  readonly from: PeerId;
  readonly timer: TimerHandle;
  readonly resolve: (block: Uint8Array | undefined) => void;
}

export class AwaitedInsertData {
  private readonly waits = new Map<bigint, Wait>();

  constructor(
    private readonly clock: Clock,
    /** How long the block may take to follow the acceptance. */
    private readonly timeoutMs: number,
  ) {}

  /** The block `from` sends for `tx`, or undefined if it does not come in time. */
  expect(from: PeerId, tx: bigint): Promise<Uint8Array | undefined> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimer(this.timeoutMs, () => this.end(tx, undefined));
      this.waits.set(tx, { from, timer, resolve });
    });
  }

  /** Hands over a block; one nobody waits for from that peer is dropped. */
  deliver(from: PeerId, tx: bigint, block: Uint8Array): void {
    if (this.waits.get(tx)?.from === from) this.end(tx, block);
  }

  peerDisconnected(peer: PeerId): void {
    for (const [tx, wait] of [...this.waits]) if (wait.from === peer) this.end(tx, undefined);
  }

  cancelAll(): void {
    for (const tx of [...this.waits.keys()]) this.end(tx, undefined);
  }

  private end(tx: bigint, block: Uint8Array | undefined): void {
    const wait = this.waits.get(tx);
    if (wait === undefined) return;
    this.waits.delete(tx);
    wait.timer.cancel();
    wait.resolve(block);
  }
}
