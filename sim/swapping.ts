/**
 * Location swapping over a whole graph, round by round, with the node's own decisions
 * (node/location-swap.ts, node/swap-policy.ts), and optional Pitch Black attackers.
 *
 *   round: every honest node, in a fresh random order, starts one swap:
 *     walk swapWalkHops hops (walkStepIndex) ──> partner ──> swapAccepted(offers, coin) ──> exchange positions
 *     a walk that reaches an attacker is answered by it: the starter takes the attacker's crafted location
 *   then every attacker starts one walk through each of its links (the most its neighbours' rate limits let through)
 *   then every honest node may take a fresh location (linksSpanTooLittle, randomisedReset)
 *
 * Positions are per node index, in a Float64Array the caller owns and reads between rounds. The
 * coin is a draw of the seeded generator: on real nodes the commit/reveal exchange makes it uniform,
 * which is all the decision needs.
 */
import { MAX_SWAP_NEIGHBOURS, swapAccepted } from '../node/location-swap.js';
import { linksSpanTooLittle, randomisedReset, walkStepIndex } from '../node/swap-policy.js';
import { circularDistance } from '../protocol/location.js';
import type { Adjacency } from './adjacency.js';
import type { SeededRng } from './rng.js';

/** Half-width of the interval around its target point from which an attacker draws each location it claims. */
export const ATTACK_SPREAD = 1e-6;

/** The Pitch Black defences every honest node applies (node/swap-policy.ts `SWAP_DEFENCE_DEFAULTS`). */
export interface SwapDefences {
  /** Randomised reset: the chance per round that an honest node takes a fresh uniform location (0: off). */
  readonly resetProbability: number;
  /** The own-loss bound of every honest node's decision (Infinity: off). */
  readonly maxOwnLogLossPerLink: number;
  /** The span check: an honest node whose links all end nearer than this resets (0: off). */
  readonly minLinkSpan: number;
}

/** The defences as report parameters (an own-loss bound of Infinity reads "off"). */
export function defenceParameters({ resetProbability, maxOwnLogLossPerLink, minLinkSpan }: SwapDefences): Record<string, number | string> {
  return { resetProbability, maxOwnLogLossPerLink: Number.isFinite(maxOwnLogLossPerLink) ? maxOwnLogLossPerLink : 'off', minLinkSpan };
}

export interface SwapSimulationInit extends SwapDefences {
  /** Hops of every swap walk (node/swap-policy.ts `swapWalkHops`). */
  readonly walkHops: number;
  /** Attacker node indices, each with the point it pulls locations toward. */
  readonly attackers?: ReadonlyMap<number, number>;
}

export interface SwapRoundStats {
  readonly attempts: number;
  readonly accepted: number;
  /** Swaps an attacker answered or started: the honest side took a crafted location. */
  readonly hijacked: number;
  readonly resets: number;
}

export class SwapSimulation {
  private readonly honest: number[];

  constructor(
    private readonly graph: Adjacency,
    private readonly positions: Float64Array,
    private readonly rng: SeededRng,
    private readonly init: SwapSimulationInit,
  ) {
    if (positions.length !== graph.nodes) throw new RangeError(`${positions.length} positions for ${graph.nodes} nodes`);
    if (!Number.isSafeInteger(init.walkHops) || init.walkHops < 1) throw new RangeError(`walkHops must be a positive integer, got ${init.walkHops}`);
    this.honest = [];
    for (let node = 0; node < graph.nodes; node++) if (!init.attackers?.has(node)) this.honest.push(node);
    for (const [attacker, point] of init.attackers ?? []) this.positions[attacker] = point;
  }

  /** One round: every honest node starts a swap, every attacker one per link, then resets. */
  runRound(): SwapRoundStats {
    let accepted = 0;
    let hijacked = 0;
    let resets = 0;
    let attempts = 0;
    for (const node of this.rng.shuffle(this.honest.slice())) {
      attempts++;
      const outcome = this.attempt(node);
      if (outcome === 'accepted') accepted++;
      else if (outcome === 'hijacked') hijacked++;
    }
    for (const [attacker, point] of this.init.attackers ?? []) {
      const { offsets, neighbours } = this.graph;
      for (let index = offsets[attacker]!; index < offsets[attacker + 1]!; index++) {
        attempts++;
        const first = neighbours[index]!;
        const end = this.walk(first, attacker, this.init.walkHops - 1);
        if (end >= 0 && !this.isAttacker(end)) {
          this.takeCrafted(end, point);
          hijacked++;
        }
      }
    }
    for (const node of this.honest) {
      const fresh = linksSpanTooLittle(this.positions[node]!, this.neighbourLocations(node), this.init.minLinkSpan)
        ? this.rng.next()
        : randomisedReset(this.rng, this.init.resetProbability);
      if (fresh !== undefined) {
        this.positions[node] = fresh;
        resets++;
      }
    }
    return { attempts, accepted, hijacked, resets };
  }

  /** Σ over links of log(ring distance) between their ends: what swapping drives down. */
  logLinkDistanceSum(): number {
    const { nodes, offsets, neighbours } = this.graph;
    let sum = 0;
    for (let node = 0; node < nodes; node++) {
      for (let index = offsets[node]!; index < offsets[node + 1]!; index++) {
        const other = neighbours[index]!;
        if (other > node) sum += Math.log(Math.max(2 ** -53, circularDistance(this.positions[node]!, this.positions[other]!)));
      }
    }
    return sum;
  }

  private isAttacker(node: number): boolean {
    return this.init.attackers?.has(node) ?? false;
  }

  /**
   * Walks `hops` hops on from `node` (entered from `cameFrom`, −1 at the start); stops early on an
   * attacker, which answers the walk. −1 when stuck.
   */
  private walk(node: number, cameFrom: number, hops: number): number {
    const { offsets, neighbours } = this.graph;
    let at = node;
    let previous = cameFrom;
    for (let hop = 0; hop < hops && !this.isAttacker(at); hop++) {
      const start = offsets[at]!;
      const degree = offsets[at + 1]! - start;
      let cameIndex = -1;
      for (let index = 0; index < degree; index++) if (neighbours[start + index] === previous) cameIndex = index;
      const step = walkStepIndex(degree, cameIndex, this.rng);
      if (step < 0) return -1;
      previous = at;
      at = neighbours[start + step]!;
    }
    return at;
  }

  private attempt(node: number): 'accepted' | 'refused' | 'hijacked' | 'none' {
    const partner = this.walk(node, -1, this.init.walkHops);
    if (partner < 0 || partner === node) return 'none';
    const point = this.init.attackers?.get(partner);
    if (point !== undefined) {
      this.takeCrafted(node, point);
      return 'hijacked';
    }
    const mine = { location: this.positions[node]!, neighbourLocations: this.neighbourLocations(node) };
    const theirs = { location: this.positions[partner]!, neighbourLocations: this.neighbourLocations(partner) };
    if (!swapAccepted(mine, theirs, this.rng.next(), this.init)) return 'refused';
    this.positions[node] = theirs.location;
    this.positions[partner] = mine.location;
    return 'accepted';
  }

  /**
   * Pitch Black: the attacker claims a location next to its point and as many links as an offer may
   * carry, all right next to where the honest node is, so the node's own decision accepts; the node
   * moves, the attacker does not.
   */
  private takeCrafted(node: number, point: number): void {
    const claimed = (point + (this.rng.next() * 2 - 1) * ATTACK_SPREAD + 1) % 1;
    const beside = (this.positions[node]! + ATTACK_SPREAD) % 1;
    const crafted = { location: claimed, neighbourLocations: new Array<number>(MAX_SWAP_NEIGHBOURS).fill(beside) };
    const mine = { location: this.positions[node]!, neighbourLocations: this.neighbourLocations(node) };
    if (swapAccepted(mine, crafted, this.rng.next(), this.init)) this.positions[node] = claimed;
  }

  private neighbourLocations(node: number): number[] {
    const { offsets, neighbours } = this.graph;
    const locations: number[] = [];
    for (let index = offsets[node]!; index < offsets[node + 1]!; index++) locations.push(this.positions[neighbours[index]!]!);
    return locations;
  }
}
