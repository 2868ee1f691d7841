/**
 * Measuring a simulated network from the outside (spec/simulator.md §3): a tap on every
 * delivery of the MemoryNetwork, and the statistics the workload reports. Nothing here
 * changes what the nodes do.
 *
 *   MemoryNetwork ──onDelivery──> TrafficTap: messages and wire bytes per receiving node,
 *                                 DataRequest deliveries per tx (hops), who started each tx,
 *                                 the HTL a relay saw from an originator (anonymity)
 *   summarize / gini / histogram ──> WorkloadMetrics (workload.ts)
 *
 * A tx's originator is the sender of its first DataRequest: a node that relays a tx has
 * received it before, so the first sender is always the node that started it.
 */
import { MAX_HTL } from '../node/htl.js';
import type { PeerId } from '../node/transport.js';
import { encodeEnvelope } from '../protocol/wire/envelope.js';
import { encodeFrame } from '../protocol/wire/frame.js';
import type { Envelope, WireMessage } from '../protocol/wire/messages.js';
import type { DeliveryEvent, MemoryNetwork } from './memory-network.js';

export interface Summary {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
}

/** The value at `fraction` of sorted `values` (nearest rank); 0 for none. */
export function percentileOfSorted(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** Mean, median and 95th percentile (nearest rank); all 0 for no values. */
export function summarize(values: readonly number[] | Float64Array): Summary {
  if (values.length === 0) return { mean: 0, p50: 0, p95: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return { mean: sum / sorted.length, p50: percentileOfSorted(sorted, 0.5), p95: percentileOfSorted(sorted, 0.95) };
}

/** Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one holds everything. */
export function gini(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  let weighted = 0;
  let total = 0;
  for (let index = 0; index < sorted.length; index++) {
    weighted += (index + 1) * sorted[index]!;
    total += sorted[index]!;
  }
  if (total === 0) return 0;
  const n = sorted.length;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** Counts of each whole value, as [value, count] pairs in ascending value order. */
export function histogram(values: Iterable<number>): [number, number][] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Bytes an envelope takes on a link: its frame (length prefix and canonical encoding). The
 * size depends only on the body's type and the lengths of its fields, so it is computed
 * once per shape; bodies carrying a NodeRef (addresses vary) are encoded every time.
 */
export class WireSizes {
  private readonly byShape = new Map<string, number>();

  of(envelope: Envelope): number {
    const shape = shapeOf(envelope.body);
    if (shape === undefined) return frameBytes(envelope);
    let size = this.byShape.get(shape);
    if (size === undefined) {
      size = frameBytes(envelope);
      this.byShape.set(shape, size);
    }
    return size;
  }
}

function frameBytes(envelope: Envelope): number {
  return encodeFrame(encodeEnvelope(envelope)).length;
}

/** Everything that decides an envelope's encoded length, or undefined when that is not a few numbers. */
function shapeOf(body: WireMessage): string | undefined {
  switch (body.type) {
    case 'dataRequest':
      return `${body.type}/${body.keyType}/${body.htl}`;
    case 'insertRequest':
      return `${body.type}/${body.keyType}/${body.htl}/${body.block.length}`;
    case 'dataFound':
      return `${body.type}/${body.block.length}`;
    case 'routeNotFound':
      return `${body.type}/${body.htl}`;
    case 'rejectedOverload':
      return `${body.type}/${body.local}`;
    case 'insertReply':
      return body.outcome === 'collision' ? `${body.type}/collision/${body.existingBlock.length}` : `${body.type}/${body.outcome}`;
    case 'dataNotFound':
    case 'rejectedLoop':
    case 'ping':
    case 'pong':
      return body.type;
    default:
      return undefined;
  }
}

/** What the tap knows of one transaction's DataRequests. */
export interface TxRecord {
  /** Index of the node that sent its first DataRequest. */
  readonly origin: number;
  /** DataRequest deliveries so far. */
  hops: number;
  /** Virtual time of its first delivery. */
  readonly firstAt: number;
}

/** Counters of the originator-guess rule (spec/simulator.md §3.4). */
export interface GuessCounts {
  /** DataRequests delivered with HTL = MAX_HTL: each time, the receiver guesses its sender started the request. */
  guesses: number;
  /** ... and the sender had started it. */
  correct: number;
  /** Transactions started (first DataRequest of a tx). */
  originations: number;
  /** ... whose first DataRequest arrived with HTL = MAX_HTL (the originator's neighbour guessed right). */
  caught: number;
}

/** Told of each DataRequest that starts a new transaction, before it is counted. */
export type OriginationListener = (tx: bigint, origin: number, envelope: Envelope) => void;

/**
 * Watches every delivery on a network of indexed nodes (node i has peer id `peerIds[i]`).
 * Transaction records older than `txHorizonMs` of virtual time are forgotten, so a long run
 * keeps only the transactions that can still be in flight.
 */
export class TrafficTap {
  /** Messages delivered to each node. */
  readonly received: Float64Array;
  messages = 0;
  bytes = 0;
  readonly guess: GuessCounts = { guesses: 0, correct: 0, originations: 0, caught: 0 };
  private readonly indexOf = new Map<PeerId, number>();
  private readonly txs = new Map<bigint, TxRecord>();
  private readonly sizes = new WireSizes();
  private readonly unsubscribe: () => void;

  constructor(
    network: MemoryNetwork,
    peerIds: readonly PeerId[],
    private readonly txHorizonMs: number,
    private readonly onOrigination?: OriginationListener,
  ) {
    this.received = new Float64Array(peerIds.length);
    peerIds.forEach((id, index) => this.indexOf.set(id, index));
    this.unsubscribe = network.onDelivery((event) => this.record(event));
  }

  /** The record of `tx`, while it is within the horizon. */
  tx(tx: bigint): TxRecord | undefined {
    return this.txs.get(tx);
  }

  /** Zeroes the message and byte counters (not the transactions). */
  resetTraffic(): void {
    this.received.fill(0);
    this.messages = 0;
    this.bytes = 0;
  }

  stop(): void {
    this.unsubscribe();
  }

  private record({ at, from, to, envelope }: DeliveryEvent): void {
    const receiver = this.indexOf.get(to);
    if (receiver !== undefined) this.received[receiver]!++;
    this.messages++;
    this.bytes += this.sizes.of(envelope);
    const { body } = envelope;
    if (body.type !== 'dataRequest') return;
    let record = this.txs.get(envelope.tx);
    const sender = this.indexOf.get(from) ?? -1;
    const atMax = body.htl >= MAX_HTL;
    if (record === undefined) {
      this.forgetOlderThan(at - this.txHorizonMs);
      record = { origin: sender, hops: 0, firstAt: at };
      this.txs.set(envelope.tx, record);
      this.guess.originations++;
      if (atMax) this.guess.caught++;
      this.onOrigination?.(envelope.tx, sender, envelope);
    }
    record.hops++;
    if (atMax) {
      this.guess.guesses++;
      if (sender === record.origin) this.guess.correct++;
    }
  }

  /** Maps iterate in insertion order, which is first-delivery order: the oldest come first. */
  private forgetOlderThan(time: number): void {
    for (const [tx, record] of this.txs) {
      if (record.firstAt >= time) break;
      this.txs.delete(tx);
    }
  }
}
