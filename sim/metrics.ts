/**
 * Measuring a simulated network from the outside (spec/simulator.md §3): a tap on every
 * delivery of the MemoryNetwork, and the statistics the workload reports. Nothing here
 * changes what the nodes do.
 *
 *   MemoryNetwork ──onDelivery──> TrafficTap: messages and wire bytes per receiving node,
 *                                 DataRequest deliveries per tx (hops), who started each tx,
 *                                 DataRequests by HTL received, and how many from their originator (anonymity)
 *   summarize / gini / histogram ──> WorkloadMetrics (workload.ts)
 *
 * A tx's originator is the sender of its first DataRequest: a node that relays a tx has
 * received it before, so the first sender is always the node that started it.
 */
import { MAX_HTL } from '../node/htl.js';
import type { PeerId } from '../node/transport.js';
import { encodeEnvelope } from '../protocol/wire/envelope.js';
import { encodeFrame } from '../protocol/wire/frame.js';
import type { Envelope, NodeRef, WireMessage } from '../protocol/wire/messages.js';
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
 * size depends only on the body's type and a few numbers (HTL, key type, block length,
 * outcome), so it is computed once per shape; a body carrying a NodeRef (addresses vary) is
 * encoded once per NodeRef object and HTL: an announcement or offer passes hop by hop as the
 * same immutable object.
 */
export class WireSizes {
  private readonly byType = new Map<string, Map<number, number>>();
  /** By NodeRef: an announcement's size at each HTL (index 1..18), an offer's at index 0. */
  private readonly byNode = new WeakMap<NodeRef, number[]>();

  of(envelope: Envelope): number {
    const { body } = envelope;
    if (body.type === 'announce' || body.type === 'peerOffer') return this.withNode(envelope, body.node, body.type === 'announce' ? body.htl : 0);
    const shape = shapeOf(body);
    if (shape === undefined) return frameBytes(envelope);
    let sizes = this.byType.get(envelope.body.type);
    if (sizes === undefined) {
      sizes = new Map();
      this.byType.set(envelope.body.type, sizes);
    }
    let size = sizes.get(shape);
    if (size === undefined) {
      size = frameBytes(envelope);
      sizes.set(shape, size);
    }
    return size;
  }

  private withNode(envelope: Envelope, node: NodeRef, index: number): number {
    let sizes = this.byNode.get(node);
    if (sizes === undefined) {
      sizes = [];
      this.byNode.set(node, sizes);
    }
    sizes[index] ??= frameBytes(envelope);
    return sizes[index];
  }
}

function frameBytes(envelope: Envelope): number {
  return encodeFrame(encodeEnvelope(envelope)).length;
}

const keyTypeBit = (keyType: string): number => (keyType === 'chk' ? 0 : 1);

/** Within its body type, everything that decides an envelope's length; undefined when that is not a few numbers. */
function shapeOf(body: WireMessage): number | undefined {
  switch (body.type) {
    case 'dataRequest':
      return body.htl * 2 + keyTypeBit(body.keyType);
    case 'insertRequest':
      return body.htl * 2 + keyTypeBit(body.keyType);
    case 'dataFound':
    case 'insertData':
      return body.block.length;
    case 'routeNotFound':
      return body.htl;
    case 'rejectedOverload':
      return body.local ? 1 : 0;
    case 'insertReply':
      return body.outcome === 'collision' ? 2 + body.existingBlock.length : body.outcome === 'stored' ? 0 : 1;
    case 'dataNotFound':
    case 'rejectedLoop':
    case 'requestAccepted':
    case 'insertAccepted':
    case 'ping':
    case 'pong':
      return 0;
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

/** DataRequests delivered, by the HTL received: all of them, and those whose sender started the request (spec/simulator.md §3.4). */
export interface HtlCounts {
  readonly received: number[];
  readonly fromOriginator: number[];
}

/** Told of each DataRequest that starts a new transaction, before it is counted. */
export type OriginationListener = (tx: bigint, origin: number, envelope: Envelope) => void;

/**
 * Watches every delivery on a network of indexed nodes: node i is the one whose peer id
 * `peerIds()[i]` is. That list is read again when an unknown id shows up (a node restarted
 * under a new key); ids it does not list (nodes outside the index) count in the totals only.
 * Transaction records older than `txHorizonMs` of virtual time are forgotten, so a long run
 * keeps only the transactions that can still be in flight.
 */
export class TrafficTap {
  /** Messages delivered to each node. */
  readonly received: Float64Array;
  messages = 0;
  bytes = 0;
  readonly byHtl: HtlCounts = { received: new Array<number>(MAX_HTL + 1).fill(0), fromOriginator: new Array<number>(MAX_HTL + 1).fill(0) };
  private readonly indices = new Map<PeerId, number>();
  /** Ids not in the list when it was last read. */
  private readonly unlisted = new Set<PeerId>();
  private readonly txs = new Map<bigint, TxRecord>();
  /** Transactions in first-delivery order from `oldest` on: a queue beside the map, so forgetting never walks deleted map slots. */
  private txOrder: bigint[] = [];
  private oldest = 0;
  private readonly sizes = new WireSizes();
  private readonly unsubscribe: () => void;

  constructor(
    network: MemoryNetwork,
    private readonly peerIds: () => readonly PeerId[],
    private readonly txHorizonMs: number,
    private readonly onOrigination?: OriginationListener,
  ) {
    this.received = new Float64Array(peerIds().length);
    this.readIndices();
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

  private readIndices(): void {
    this.indices.clear();
    this.unlisted.clear();
    for (const [index, id] of this.peerIds().entries()) this.indices.set(id, index);
  }

  /** The index of node `id`, or -1. */
  private indexOf(id: PeerId): number {
    const index = this.indices.get(id);
    if (index !== undefined) return index;
    if (this.unlisted.has(id)) return -1;
    this.readIndices();
    const found = this.indices.get(id);
    if (found !== undefined) return found;
    this.unlisted.add(id);
    return -1;
  }

  private record({ at, from, to, envelope }: DeliveryEvent): void {
    const receiver = this.indexOf(to);
    if (receiver >= 0 && receiver < this.received.length) this.received[receiver]!++;
    this.messages++;
    this.bytes += this.sizes.of(envelope);
    const { body } = envelope;
    if (body.type !== 'dataRequest') return;
    let record = this.txs.get(envelope.tx);
    const sender = this.indexOf(from);
    if (record === undefined) {
      this.forgetOlderThan(at - this.txHorizonMs);
      record = { origin: sender, hops: 0, firstAt: at };
      this.txs.set(envelope.tx, record);
      this.txOrder.push(envelope.tx);
      this.onOrigination?.(envelope.tx, sender, envelope);
    }
    record.hops++;
    const htl = Math.min(MAX_HTL, body.htl);
    this.byHtl.received[htl]!++;
    if (sender === record.origin) this.byHtl.fromOriginator[htl]!++;
  }

  private forgetOlderThan(time: number): void {
    const order = this.txOrder;
    while (this.oldest < order.length && this.txs.get(order[this.oldest]!)!.firstAt < time) this.txs.delete(order[this.oldest++]!);
    if (this.oldest > 1024 && 2 * this.oldest > order.length) {
      this.txOrder = order.slice(this.oldest);
      this.oldest = 0;
    }
  }
}
