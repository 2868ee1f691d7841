/**
 * The originator-anonymity measurement (spec/simulator.md §3.4): what a relay, or a set of
 * colluding relays, sees of the predecessor that hands it a DataRequest or InsertRequest, and
 * how often that predecessor started the transaction, from the simulated ground truth.
 *
 *   MemoryNetwork ──onDelivery──> AnonymityTap: one Delivery per DataRequest / InsertRequest
 *                                 (observation code + whether the sender is the tx's originator)
 *   deliveries + colluders ──anonymityOf──> counts per observation ──> worst case (Wilson 95 %), mean
 *
 * An observation is everything the receiving node can read of the message and its link: the
 * kind (request or insert), the HTL received, whether this link already carried the same tx (a
 * retry) and how many requests and inserts the link has carried before (1st, 2nd–10th, 11th–100th,
 * later). A tx's originator is the sender of its first request or insert: a relay has received
 * the tx before it sends it.
 */
import type { PeerId } from '../node/transport.js';
import type { MemoryNetwork } from './memory-network.js';

export type OperationKind = 'request' | 'insert';

const KINDS: readonly OperationKind[] = ['request', 'insert'];
const SEQUENCE_LABELS = ['1st', '2nd–10th', '11th–100th', 'later'] as const;

/** One request or insert delivered to a node: who got it, what it could see, and the truth. */
export interface Delivery {
  /** Index of the transaction, in order of first delivery. */
  readonly tx: number;
  readonly receiver: number;
  /** Kind, HTL, retry and link sequence, packed (`describeObservation` spells it out). */
  readonly observation: number;
  readonly fromOriginator: boolean;
}

function sequenceBucket(count: number): number {
  return count <= 1 ? 0 : count <= 10 ? 1 : count <= 100 ? 2 : 3;
}

function packObservation(kind: OperationKind, htl: number, retry: boolean, sequence: number): number {
  return ((KINDS.indexOf(kind) * 64 + htl) * 2 + (retry ? 1 : 0)) * 4 + sequenceBucket(sequence);
}

function kindOf(observation: number): OperationKind {
  return KINDS[Math.floor(observation / 512)]!;
}

/** The observation in words: "HTL 18, first time on this link, 2nd–10th message of the link". */
export function describeObservation(observation: number, withLink = true): string {
  const sequence = observation % 4;
  const retry = Math.floor(observation / 4) % 2 === 1;
  const htl = Math.floor(observation / 8) % 64;
  if (!withLink) return `HTL ${htl}`;
  return `HTL ${htl}${retry ? ', retry on the link' : ''}, ${SEQUENCE_LABELS[sequence]} message of the link`;
}

/** Records every request and insert delivered on a network of indexed nodes (node i has peer id `peerIds[i]`). */
export class AnonymityTap {
  readonly deliveries: Delivery[] = [];
  /** Index of each transaction's originator, by transaction index. */
  readonly origins: number[] = [];
  private readonly indices = new Map<PeerId, number>();
  private readonly txs = new Map<bigint, { readonly index: number; readonly links: Set<number> }>();
  private readonly linkCounts = new Map<number, number>();
  private readonly unsubscribe: () => void;

  constructor(network: MemoryNetwork, peerIds: readonly PeerId[]) {
    for (const [index, id] of peerIds.entries()) this.indices.set(id, index);
    this.unsubscribe = network.onDelivery(({ from, to, envelope }) => {
      const { body } = envelope;
      if (body.type !== 'dataRequest' && body.type !== 'insertRequest') return;
      const sender = this.indices.get(from);
      const receiver = this.indices.get(to);
      if (sender === undefined || receiver === undefined) return;
      let tx = this.txs.get(envelope.tx);
      if (tx === undefined) {
        tx = { index: this.origins.length, links: new Set() };
        this.txs.set(envelope.tx, tx);
        this.origins.push(sender);
      }
      const link = sender * peerIds.length + receiver;
      const sequence = (this.linkCounts.get(link) ?? 0) + 1;
      this.linkCounts.set(link, sequence);
      const retry = tx.links.has(link);
      tx.links.add(link);
      const kind = body.type === 'dataRequest' ? 'request' : 'insert';
      this.deliveries.push({
        tx: tx.index,
        receiver,
        observation: packObservation(kind, body.htl, retry, sequence),
        fromOriginator: sender === this.origins[tx.index],
      });
    });
  }

  stop(): void {
    this.unsubscribe();
  }
}

/** A proportion with its Wilson score interval at 95 %. */
export interface Proportion {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly samples: number;
}

const Z = 1.959964;

export function wilson(successes: number, samples: number): Proportion {
  if (samples === 0) return { value: 0, low: 0, high: 1, samples };
  const p = successes / samples;
  const z2 = (Z * Z) / samples;
  const centre = (p + z2 / 2) / (1 + z2);
  const half = (Z * Math.sqrt((p * (1 - p)) / samples + z2 / (4 * samples))) / (1 + z2);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), samples };
}

/** What the adversary can infer for one kind of operation. */
export interface AnonymityFigures {
  /** Observations counted (deliveries to the adversary). */
  readonly observations: number;
  /** Distinct observations with at least the minimum of samples. */
  readonly groups: number;
  /** The highest P(originator | observation) over those, and which observation it is. */
  readonly worst: Proportion & { readonly observation: string };
  /** The adversary's mean P(originator | observation) over the observations whose sender is the originator. */
  readonly meanWhenOriginator: number;
  /** Share of all observations whose sender is the originator (guessing without looking). */
  readonly prior: number;
}

/** Deliveries with one observation, and how many of them came from the originator. */
export interface ObservationCount {
  readonly observation: string;
  readonly total: number;
  readonly originator: number;
}

/** Worst case (over observations with at least `minSamples`), mean when originator and prior, from the counts of each observation. */
export function posteriorFigures(counts: readonly ObservationCount[], minSamples: number): AnonymityFigures {
  let observations = 0;
  let originator = 0;
  let posteriorSum = 0;
  let groups = 0;
  let worst: AnonymityFigures['worst'] = { ...wilson(0, 0), observation: 'none with enough samples' };
  for (const entry of counts) {
    observations += entry.total;
    originator += entry.originator;
    if (entry.total === 0) continue;
    posteriorSum += (entry.originator * entry.originator) / entry.total;
    if (entry.total < minSamples) continue;
    groups++;
    const share = wilson(entry.originator, entry.total);
    if (share.value > worst.value || worst.samples === 0) worst = { ...share, observation: entry.observation };
  }
  return {
    observations,
    groups,
    worst,
    meanWhenOriginator: originator === 0 ? 0 : posteriorSum / originator,
    prior: observations === 0 ? 0 : originator / observations,
  };
}

/** The observation with only its kind and HTL kept. */
function htlOnly(observation: number): number {
  return observation - (observation % 8);
}

/**
 * P(originator | observation) for each kind. Without colluders (no sets), every node is an
 * adversary of its own and every delivery counts. Colluders (a flag per node) pool what they see:
 * for each transaction not started by one of them, the first delivery to a colluder counts, by
 * its kind and HTL (a transaction gives them one sample: finer observations would have too few).
 * The samples of several colluding sets are pooled.
 */
export function anonymityOf(tap: AnonymityTap, colluderSets: readonly Uint8Array[], minSamples: number): Record<OperationKind, AnonymityFigures> {
  const counts = new Map<number, { total: number; originator: number }>();
  const count = (observation: number, fromOriginator: boolean): void => {
    let entry = counts.get(observation);
    if (entry === undefined) {
      entry = { total: 0, originator: 0 };
      counts.set(observation, entry);
    }
    entry.total++;
    if (fromOriginator) entry.originator++;
  };
  if (colluderSets.length === 0) for (const { observation, fromOriginator } of tap.deliveries) count(observation, fromOriginator);
  for (const colluders of colluderSets) {
    const counted = new Set<number>();
    for (const delivery of tap.deliveries) {
      if (colluders[delivery.receiver] !== 1 || colluders[tap.origins[delivery.tx]!] === 1 || counted.has(delivery.tx)) continue;
      counted.add(delivery.tx);
      count(htlOnly(delivery.observation), delivery.fromOriginator);
    }
  }
  const figures = (kind: OperationKind): AnonymityFigures =>
    posteriorFigures(
      [...counts.entries()]
        .filter(([observation]) => kindOf(observation) === kind)
        .sort((x, y) => x[0] - y[0])
        .map(([observation, entry]) => ({ ...entry, observation: describeObservation(observation, colluderSets.length === 0) })),
      minSamples,
    );
  return { request: figures('request'), insert: figures('insert') };
}
