/**
 * The second step of an insert (spec/routing.md §5): a node that answered an InsertRequest
 * with InsertAccepted waits here for the block, which the same peer sends in an InsertData
 * under the same tx. Each wait belongs to an admitted InsertRequest (so the load limiter
 * bounds them), a peer may hold at most `maxPendingInsertsPerPeer` at once, and each ends when the
 * block comes, when the peer goes, on a timer (the sender's fault: inserts.ts counts it against
 * the peer), or when the node stops.
 *
 *   inserts.ts ──hasRoomFor(from)──> a new wait, or RejectedOverload
 *   inserts.ts ──expect(from, tx)──> AwaitedInsertData ──block, 'timeout' or 'gone'──> inserts.ts
 *   Node ──insertData message──> deliver(from, tx, block);  ──peerDisconnected / stop──> end waits
 */
import type { Clock, TimerHandle } from './components.js';
import type { PeerId } from './transport.js';

/** What a wait ends with: the block, or why it did not come. */
export type InsertDataArrival = { readonly block: Uint8Array } | { readonly missing: 'timeout' | 'gone' };

export interface AwaitedInsertDataInit {
  /** How long the block may take to follow the acceptance. */
  readonly timeoutMs: number;
  /** Accepted inserts one peer may have waiting for their blocks at once (default 32). */
  readonly maxPendingInsertsPerPeer?: number;
}

interface Wait {
  readonly from: PeerId;
  readonly timer: TimerHandle;
  readonly resolve: (arrival: InsertDataArrival) => void;
}

export class AwaitedInsertData {
  private readonly waits = new Map<bigint, Wait>();
  private readonly pendingByPeer = new Map<PeerId, number>();
  private readonly timeoutMs: number;
  private readonly maxPendingInsertsPerPeer: number;

  constructor(
    private readonly components: { readonly clock: Clock },
    init: AwaitedInsertDataInit,
  ) {
    this.timeoutMs = init.timeoutMs;
    this.maxPendingInsertsPerPeer = init.maxPendingInsertsPerPeer ?? 32;
  }

  /** Whether `from` may have one more accepted insert wait for its block. */
  hasRoomFor(from: PeerId): boolean {
    return (this.pendingByPeer.get(from) ?? 0) < this.maxPendingInsertsPerPeer;
  }

  /** The block `from` sends for `tx`, or why it did not come. */
  expect(from: PeerId, tx: bigint): Promise<InsertDataArrival> {
    return new Promise((resolve) => {
      const timer = this.components.clock.setTimer(this.timeoutMs, () => this.end(tx, { missing: 'timeout' }));
      this.waits.set(tx, { from, timer, resolve });
      this.pendingByPeer.set(from, (this.pendingByPeer.get(from) ?? 0) + 1);
    });
  }

  /** Hands over a block; one nobody waits for from that peer is dropped. */
  deliver(from: PeerId, tx: bigint, block: Uint8Array): void {
    if (this.waits.get(tx)?.from === from) this.end(tx, { block });
  }

  peerDisconnected(peer: PeerId): void {
    for (const [tx, wait] of [...this.waits]) if (wait.from === peer) this.end(tx, { missing: 'gone' });
    this.pendingByPeer.delete(peer);
  }

  cancelAll(): void {
    for (const tx of [...this.waits.keys()]) this.end(tx, { missing: 'gone' });
  }

  private end(tx: bigint, arrival: InsertDataArrival): void {
    const wait = this.waits.get(tx);
    if (wait === undefined) return;
    this.waits.delete(tx);
    // A count that falls to 0 stays until its peer goes (peerDisconnected): a map emptied at every insert is rebuilt at every insert.
    this.pendingByPeer.set(wait.from, (this.pendingByPeer.get(wait.from) ?? 1) - 1);
    wait.timer.cancel();
    wait.resolve(arrival);
  }
}
