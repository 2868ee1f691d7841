/**
 * The file transfers running through the API (spec/node.md §3, `GET /v1/transfers`): one
 * record per upload or download, updated from the client's progress events and the bytes
 * that pass, and dropped when the transfer ends.
 *
 *   POST /v1/files, GET /v1/files/… ──Transfers.begin──> Transfer ──block / bytes──> snapshot()
 *                                                        └── end() when the answer is complete or failed
 */
import { randomBytes } from '../../../protocol/crypto.js';
import { toHex } from '../../../protocol/bytes.js';
import type { Clock } from '../../components.js';
import { BadRequestError } from './errors.js';

export interface TransferStatus {
  readonly id: string;
  readonly kind: 'insert' | 'fetch';
  /** The file name given (insert) or the URI asked for (fetch). */
  readonly name: string;
  /** Blocks inserted or fetched so far, and how many the transfer needs (0 while unknown). */
  readonly blocksDone: number;
  readonly blocksTotal: number;
  /** Content bytes received (insert) or sent (fetch), and how many there are (0 while unknown). */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly elapsedMs: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class Transfer {
  private readonly state: Mutable<Omit<TransferStatus, 'elapsedMs'>>;

  constructor(
    id: string,
    kind: TransferStatus['kind'],
    name: string,
    private readonly startedAt: number,
    readonly end: () => void,
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
  }

  block(): void {
    this.state.blocksDone++;
  }

  bytes(count: number): void {
    this.state.bytesDone += count;
  }

  status(now: number): TransferStatus {
    const blocksDone = this.state.blocksTotal > 0 ? Math.min(this.state.blocksDone, this.state.blocksTotal) : this.state.blocksDone;
    return { ...this.state, blocksDone, elapsedMs: Math.max(0, now - this.startedAt) };
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class Transfers {
  private readonly running = new Map<string, Transfer>();

  constructor(private readonly clock: Clock) {}

  /** A new transfer, under the caller's `id` (so it can find it in the list) or a random one. */
  begin(kind: TransferStatus['kind'], name: string, id: string | null): Transfer {
    if (id !== null && !ID.test(id)) throw new BadRequestError(`a transfer id is 1 to 64 letters, digits, '-' or '_', got ${JSON.stringify(id.slice(0, 80))}`);
    const chosen = id ?? toHex(randomBytes(8));
    if (this.running.has(chosen)) throw new BadRequestError(`a transfer with id ${chosen} is already running`);
    const transfer = new Transfer(chosen, kind, name, this.clock.now(), () => this.running.delete(chosen));
    this.running.set(chosen, transfer);
    return transfer;
  }

  snapshot(): TransferStatus[] {
    const now = this.clock.now();
    return [...this.running.values()].map((transfer) => transfer.status(now));
  }
}
