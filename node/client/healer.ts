/**
 * Healing on fetch (spec/client.md §9.1), as Freenet heals: the blocks a fetch could not find and rebuilt
 * from the others are inserted again in the background, as ordinary inserts of this node, so that the next
 * fetcher finds them. One `Healer` per node holds a bounded queue; each fetch opens a `HealSession` that
 * offers its rebuilt segments and counts what became of their blocks. Nothing here is awaited by the fetch.
 * The simulator heals through the same queue and caps (sim/file-transfer.ts), with blocks it already holds.
 *
 *   fetch ──segment decoded, blocks missing──> HealSession.offer ──reserve (caps: blocks per node and per fetch,
 *                                                                   segments being rebuilt; beyond: dropped)
 *     ──SegmentToHeal.rebuild (decodedSegment: rebuildBlocks, verified against the manifest's keys; else mismatched)
 *     ──> Window(parallel) ──insertWithRetries──> network
 *     └──> counts: rebuilt, inserted, failed, dropped, mismatched ──onChange──> the fetch's transfer
 */
import type { ChkBlock } from '../../protocol/keys/index.js';
import { NodeStoppedError } from '../errors.js';
import type { FecCode, SegmentRef } from './segments.js';
import { insertWithRetries } from './insert.js';
import { type RebuiltBlocks, rebuildBlocks } from './rebuild.js';
import { type ClientNode, type Mutable, operationSignal } from './types.js';
import { Window } from './window.js';

/** Blocks queued or being inserted at once for the whole node (at 32 KiB a block, 32 MiB held at most). */
export const DEFAULT_HEAL_QUEUE_BLOCKS = 1024;
/** Blocks one fetch may hand to healing in all: two full segments' worth (128 + 128 each). */
export const DEFAULT_HEAL_BLOCKS_PER_FETCH = 512;
/** Healing inserts the node runs at once: few, so that healing never crowds out the fetches and inserts asked for. */
export const DEFAULT_HEAL_PARALLEL = 4;
/**
 * Segments whose blocks are being made again at once, for the whole node: each holds its segment's content
 * (4 MiB at k = 128) until its blocks are made, so this bounds that memory. Beyond it a segment's blocks are dropped.
 */
export const HEAL_REBUILDING_SEGMENTS = 8;

export interface HealerComponents {
  readonly node: ClientNode;
}

export interface HealerInit {
  /** Cap on the blocks queued or in flight across every fetch of the node (default 1024). */
  readonly maxQueuedBlocks?: number;
  /** Cap on the blocks one fetch hands to healing over its life (default 512). */
  readonly maxBlocksPerFetch?: number;
  /** Healing inserts at once (default 4). */
  readonly parallel?: number;
}

export interface HealCounts {
  /** Blocks the fetch asked for and could not get, in segments it then decoded: each one healing took or dropped. */
  readonly rebuilt: number;
  /** Rebuilt blocks inserted again. */
  readonly inserted: number;
  /** Rebuilt blocks whose insert failed after its tries, or was cut short as the node stopped. */
  readonly failed: number;
  /** Rebuilt blocks not inserted because a cap was reached (blocks per node or per fetch, segments being rebuilt). */
  readonly dropped: number;
  /** Rebuilt blocks not inserted because their keys differ from the manifest's. */
  readonly mismatched: number;
  /** Blocks still queued or being inserted. */
  readonly pending: number;
}

/** One decoded segment some of whose blocks could not be fetched. */
export interface SegmentToHeal {
  /** Indexes of the blocks that could not be fetched (data 0..k−1, then check k..k+m−1). */
  readonly missing: readonly number[];
  /** The blocks at `indexes` made again, those whose keys match the manifest's. */
  rebuild(indexes: readonly number[]): Promise<RebuiltBlocks>;
}

/** A segment the client decoded: its blocks are made again from `content`, read then and not kept. */
export function decodedSegment(code: FecCode, segment: SegmentRef, content: Uint8Array, missing: readonly number[]): SegmentToHeal {
  return { missing, rebuild: (indexes) => rebuildBlocks(code, segment, content, indexes) };
}

export interface HealSessionInit {
  /** Lowers the healer's cap on the blocks this fetch may hand to healing (never raises it). */
  readonly maxBlocks?: number;
}

const zero = (): Mutable<HealCounts> => ({ rebuilt: 0, inserted: 0, failed: 0, dropped: 0, mismatched: 0, pending: 0 });

function checkCap(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a whole number ≥ 1, not ${value}`);
  return value;
}

export class Healer {
  private readonly node: ClientNode;
  private readonly maxQueuedBlocks: number;
  private readonly maxBlocksPerFetch: number;
  private readonly window: Window;
  private readonly stopping = new AbortController();
  /** Aborted as the node stops; one listener per block waiting for its turn, so no listener limit. */
  private readonly signal = operationSignal(this.stopping.signal);
  private readonly counts = zero();
  private rebuilding = 0;

  constructor(components: HealerComponents, init: HealerInit = {}) {
    this.node = components.node;
    this.maxQueuedBlocks = checkCap(init.maxQueuedBlocks ?? DEFAULT_HEAL_QUEUE_BLOCKS, 'maxQueuedBlocks');
    this.maxBlocksPerFetch = checkCap(init.maxBlocksPerFetch ?? DEFAULT_HEAL_BLOCKS_PER_FETCH, 'maxBlocksPerFetch');
    this.window = new Window(checkCap(init.parallel ?? DEFAULT_HEAL_PARALLEL, 'parallel'));
  }

  /** What healing did for every fetch of this node since it started. */
  get totals(): HealCounts {
    return { ...this.counts };
  }

  /** A new account for one fetch; `onChange` hears its counts as they move. */
  open(onChange?: (counts: HealCounts) => void, init: HealSessionInit = {}): HealSession {
    const cap = init.maxBlocks === undefined ? this.maxBlocksPerFetch : Math.min(this.maxBlocksPerFetch, checkCap(init.maxBlocks, 'maxBlocks'));
    return new HealSession(this, cap, onChange);
  }

  /** Cancels the inserts queued and in flight (they count as failed); later offers are dropped. */
  stop(): void {
    this.stopping.abort(new NodeStoppedError());
  }

  /** @internal HealSession's: how many of `wanted` blocks of one segment the node's queue takes now (0: none, and no rebuild). */
  reserve(wanted: number): number {
    if (this.signal.aborted || this.rebuilding >= HEAL_REBUILDING_SEGMENTS) return 0;
    return Math.max(0, Math.min(wanted, this.maxQueuedBlocks - this.counts.pending));
  }

  /** @internal HealSession's: the segment's blocks made again, one of at most HEAL_REBUILDING_SEGMENTS at once. */
  async rebuild(heal: SegmentToHeal, indexes: readonly number[]): Promise<RebuiltBlocks> {
    this.rebuilding++;
    try {
      return await heal.rebuild(indexes);
    } finally {
      this.rebuilding--;
    }
  }

  /** @internal HealSession's: adds to the node's counts what it adds to its own. */
  count(change: Partial<HealCounts>): void {
    for (const [field, value] of Object.entries(change) as Array<[keyof HealCounts, number]>) this.counts[field] += value;
  }

  /** @internal HealSession's: inserts one block in the queue's turn; true once it is in. */
  async insert(block: ChkBlock): Promise<boolean> {
    const { signal } = this;
    let onAbort!: () => void;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      // Raced with the stop: a block in flight counts as failed at once, whenever its insert gives up.
      await Promise.race([this.window.run(() => insertWithRetries(this.node, block, signal), signal), stopped]);
      return true;
    } catch {
      return false;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

export class HealSession {
  private readonly counts = zero();
  private accepted = 0;
  private readonly idle = new Set<(counts: HealCounts) => void>();

  constructor(
    private readonly healer: Healer,
    /** Blocks this fetch may hand to healing over its life. */
    private readonly maxBlocks: number,
    private readonly onChange: ((counts: HealCounts) => void) | undefined,
  ) {}

  /** This fetch's counts so far. */
  get status(): HealCounts {
    return { ...this.counts };
  }

  /**
   * Takes a decoded segment's missing blocks, as many as the caps allow (the rest are dropped), and
   * inserts them again in the background. Returns at once.
   */
  offer(heal: SegmentToHeal): void {
    const room = Math.min(this.maxBlocks - this.accepted, heal.missing.length);
    const taken = heal.missing.slice(0, this.healer.reserve(room));
    this.accepted += taken.length;
    this.change({ rebuilt: heal.missing.length, dropped: heal.missing.length - taken.length, pending: taken.length });
    if (taken.length === 0) return;
    void this.heal(heal, taken);
  }

  /** Resolves with the counts once no block offered so far is queued or in flight. */
  settled(): Promise<HealCounts> {
    if (this.counts.pending === 0) return Promise.resolve(this.status);
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private async heal(heal: SegmentToHeal, indexes: readonly number[]): Promise<void> {
    let rebuilt: RebuiltBlocks;
    try {
      rebuilt = await this.healer.rebuild(heal, indexes);
    } catch {
      return this.change({ failed: indexes.length, pending: -indexes.length });
    }
    if (rebuilt.mismatched > 0) this.change({ mismatched: rebuilt.mismatched, pending: -rebuilt.mismatched });
    await Promise.all(
      rebuilt.blocks.map(async (block) => {
        const inserted = await this.healer.insert(block);
        this.change(inserted ? { inserted: 1, pending: -1 } : { failed: 1, pending: -1 });
      }),
    );
  }

  private change(change: Partial<HealCounts>): void {
    for (const [field, value] of Object.entries(change) as Array<[keyof HealCounts, number]>) this.counts[field] += value;
    this.healer.count(change);
    this.onChange?.(this.status);
    if (this.counts.pending > 0) return;
    for (const resolve of this.idle) resolve(this.status);
    this.idle.clear();
  }
}
