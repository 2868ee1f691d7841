/**
 * The file transfers running through the API (spec/node.md §3): one record per upload or download,
 * updated from the client's progress events and the bytes that pass, listed by `GET /v1/transfers`,
 * and watched as a stream of typed events by `GET /v1/transfers/{id}/events` (transfer-events.ts).
 *
 *   POST /v1/files, GET /v1/files/…, POST /v1/reinsert/… ──Transfers.begin──> Transfer ──expect / block / bytes / healing──> progress event
 *                                                        └── end(error?) ──> done | failed event, dropped
 *   Transfers.watch(id, listener) ──> that transfer's events, from its current state (or from its begin,
 *   for an id not begun yet: a client watches before it starts the transfer, so it misses nothing)
 *
 * Events are built only for a transfer someone watches; watchers are bounded in number.
 */
import { randomBytes } from '../../../protocol/crypto.js';
import { toHex } from '../../../protocol/bytes.js';
import type { HealCounts } from '../../client/healer.js';
import type { Mutable } from '../../client/types.js';
import type { Clock, Logger } from '../../components.js';
import { BadRequestError, httpErrorOf, TooManyWatchersError } from './errors.js';

export interface TransferStatus {
  readonly id: string;
  readonly kind: 'insert' | 'fetch' | 'reinsert';
  /** The file name given (insert) or the URI asked for (fetch). */
  readonly name: string;
  /** Blocks inserted or fetched so far, and how many the transfer needs (0 while unknown). */
  readonly blocksDone: number;
  readonly blocksTotal: number;
  /** Content bytes received (insert) or sent (fetch), and how many there are (0 while unknown). */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly elapsedMs: number;
  /**
   * A fetch that rebuilt blocks: what healing did with them (spec/client.md §9.1). The transfer ends
   * once none is pending, after its bytes have all been sent.
   */
  readonly healing?: HealCounts;
}

/** What a watcher hears: progress while the transfer runs, then one final event, `done` or `failed`. */
export type TransferEvent =
  | { readonly type: 'progress'; readonly transfer: TransferStatus }
  | { readonly type: 'done'; readonly transfer: TransferStatus }
  | { readonly type: 'failed'; readonly transfer: TransferStatus; readonly error: { readonly code: string; readonly message: string } };

export type TransferListener = (event: TransferEvent) => void;

export interface TransfersComponents {
  readonly clock: Clock;
  /** The API's logger: a line as each transfer begins and ends. */
  readonly logger: Logger;
}

/** Event streams open at once, across all transfers (each holds a connection). */
export const MAX_WATCHERS = 64;

export class Transfer {
  private readonly state: Mutable<Omit<TransferStatus, 'elapsedMs'>>;

  constructor(
    id: string,
    kind: TransferStatus['kind'],
    name: string,
    private readonly startedAt: number,
    private readonly owner: Transfers,
  ) {
    this.state = { id, kind, name, blocksDone: 0, blocksTotal: 0, bytesDone: 0, bytesTotal: 0 };
  }

  get id(): string {
    return this.state.id;
  }

  get bytesDone(): number {
    return this.state.bytesDone;
  }

  /** Sets what the transfer needs in all, once known. */
  expect(totals: { readonly blocks?: number; readonly bytes?: number }): void {
    if (totals.blocks !== undefined) this.state.blocksTotal = totals.blocks;
    if (totals.bytes !== undefined) this.state.bytesTotal = totals.bytes;
    this.owner.changed(this);
  }

  block(): void {
    this.state.blocksDone++;
    this.owner.changed(this);
  }

  bytes(count: number): void {
    this.state.bytesDone += count;
    this.owner.changed(this);
  }

  /** What healing has done with the blocks this fetch rebuilt, so far. */
  healing(counts: HealCounts): void {
    this.state.healing = counts;
    this.owner.changed(this);
  }

  /** Ends the transfer: `done`, or `failed` with the error's code when `error` is given. Only the first call counts. */
  end(error?: unknown): void {
    this.owner.ended(this, error);
  }

  status(now: number): TransferStatus {
    const blocksDone = this.state.blocksTotal > 0 ? Math.min(this.state.blocksDone, this.state.blocksTotal) : this.state.blocksDone;
    return { ...this.state, blocksDone, elapsedMs: Math.max(0, now - this.startedAt) };
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkId(id: string): void {
  if (!ID.test(id)) throw new BadRequestError(`a transfer id is 1 to 64 letters, digits, '-' or '_', got ${JSON.stringify(id.slice(0, 80))}`);
}

export class Transfers {
  private readonly running = new Map<string, Transfer>();
  /** Listeners by transfer id, for transfers running or not begun yet. */
  private readonly watchers = new Map<string, Set<TransferListener>>();
  private watcherCount = 0;

  constructor(private readonly components: TransfersComponents) {}

  /** A new transfer, under the caller's `id` (so it can find or watch it) or a random one. */
  begin(kind: TransferStatus['kind'], name: string, id: string | null): Transfer {
    if (id !== null) checkId(id);
    const chosen = id ?? toHex(randomBytes(8));
    if (this.running.has(chosen)) throw new BadRequestError(`a transfer with id ${chosen} is already running`);
    const transfer = new Transfer(chosen, kind, name, this.components.clock.now(), this);
    this.running.set(chosen, transfer);
    this.components.logger.debug({ transfer: chosen, kind }, 'transfer started');
    this.changed(transfer);
    return transfer;
  }

  snapshot(): TransferStatus[] {
    const now = this.components.clock.now();
    return [...this.running.values()].map((transfer) => transfer.status(now));
  }

  /**
   * Calls `listener` with the events of transfer `id`, starting with its state now if it is running;
   * returns the function that stops it. Throws `TooManyWatchersError` beyond `MAX_WATCHERS`.
   */
  watch(id: string, listener: TransferListener): () => void {
    checkId(id);
    if (this.watcherCount >= MAX_WATCHERS) throw new TooManyWatchersError(MAX_WATCHERS);
    const listeners = this.watchers.get(id) ?? new Set();
    this.watchers.set(id, listeners);
    listeners.add(listener);
    this.watcherCount++;
    const transfer = this.running.get(id);
    if (transfer !== undefined) listener({ type: 'progress', transfer: transfer.status(this.components.clock.now()) });
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      this.watcherCount--;
      listeners.delete(listener);
      if (listeners.size === 0 && this.watchers.get(id) === listeners) this.watchers.delete(id);
    };
  }

  /** Watchers now: what a test checks a closed stream gave back. */
  get watching(): number {
    return this.watcherCount;
  }

  /** @internal Transfer's: a progress event to its watchers, if any. */
  changed(transfer: Transfer): void {
    // A transfer that ended (a failed fetch whose rebuilt blocks are still being inserted) has told its end already.
    if (this.running.get(transfer.id) !== transfer) return;
    const listeners = this.watchers.get(transfer.id);
    if (listeners === undefined) return;
    const event: TransferEvent = { type: 'progress', transfer: transfer.status(this.components.clock.now()) };
    for (const listener of listeners) listener(event);
  }

  /** @internal Transfer's: drops it and sends its watchers the final event. */
  ended(transfer: Transfer, error: unknown): void {
    if (this.running.get(transfer.id) !== transfer) return;
    this.running.delete(transfer.id);
    const status = transfer.status(this.components.clock.now());
    const failure = error === undefined ? undefined : httpErrorOf(error);
    const event: TransferEvent =
      failure === undefined
        ? { type: 'done', transfer: status }
        : { type: 'failed', transfer: status, error: { code: failure.code, message: failure.message } };
    const { blocksDone, bytesDone } = status;
    this.components.logger.debug({ transfer: transfer.id, outcome: failure?.code ?? 'done', blocksDone, bytesDone }, 'transfer ended');
    for (const listener of this.watchers.get(transfer.id) ?? []) listener(event);
  }
}
