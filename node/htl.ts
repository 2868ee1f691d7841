/**
 * Hops to live (spec/routing.md §2). A request starts at MAX_HTL; each time a node
 * forwards it to a peer it applies that link's decrement rule. At the maximum and at
 * 1 the decrement is probabilistic, decided once per link, so a peer cannot tell from
 * the HTL whether its neighbour originated a request or how close it is to the end.
 * In design v2 (the default) a node holding MAX_HTL mixes (`mixes`): route.ts picks a random peer,
 * requests.ts routes on instead of answering.
 */
import { MAX_HTL } from '../protocol/wire/limits.js';
import type { Rng } from './components.js';

export { MAX_HTL };

/**
 * How requests and inserts leave their originator and how their HTL evolves (spec/routing.md §2).
 * A node holding a request or insert at MAX_HTL forwards it like the originator does: on a link that
 * decrements at the maximum it sends MAX_HTL − 1, else MAX_HTL. The nodes that held MAX_HTL form a
 * chain that starts at the originator and ends at the first decrementing link: a relay receiving the
 * top HTL of its link faces the originator with probability `decrementAtMax` — if the chain is not
 * cut short and its links do not depend on who started it, which is what `mixAtMax` ensures.
 */
export interface HtlPolicy {
  /** Probability that a link decrements an HTL at the maximum. */
  readonly decrementAtMax: number;
  /**
   * Whether a node holding a request or insert at MAX_HTL (the originator included) mixes: sends it to
   * a peer chosen at random rather than toward the key, so that which link it takes does not depend on
   * the key or on the sender's position, and routes a request on without answering from its store, from
   * its recently failed keys or by joining a route in flight, so that no chain ends early.
   */
  readonly mixAtMax: boolean;
}

/**
 * Version 1, the previous default, kept for comparison and for tests of greedy routing: half the links
 * decrement at the maximum; routing is greedy and a relay answers from its store at any HTL. A neighbour
 * guesses the originator right 52–75 % of the time (spec/routing.md §2.2).
 */
export const HTL_POLICY_V1: HtlPolicy = { decrementAtMax: 0.5, mixAtMax: false };
/**
 * Version 2, the default (spec/routing.md §2.2): a fifth of the links decrement at the maximum, and
 * every node at the maximum mixes. A neighbour, or up to a tenth of the nodes colluding, guesses the
 * originator right at most about a third of the time (Crowds: 1 − 0.8 × 0.9 = 0.28 for the first
 * colluder on the path); the price is four random hops on average before greedy routing begins.
 */
export const HTL_POLICY_V2: HtlPolicy = { decrementAtMax: 0.2, mixAtMax: true };
/** The policy a node uses unless told otherwise: version 2. */
export const DEFAULT_HTL_POLICY: HtlPolicy = { ...HTL_POLICY_V2 };

/** Probability that a link decrements an HTL of 1 (ending the search). */
export const DECREMENT_AT_MIN_PROBABILITY = 0.25;
/** Relays receiving a request with an HTL above this do not cache its data: they may be next to the originator. */
export const MAX_CACHING_HTL = MAX_HTL - 2;

/** The per-link decisions, drawn once when the link comes up. */
export interface HtlLink {
  readonly decrementAtMax: boolean;
  readonly decrementAtMin: boolean;
}

export function drawHtlLink(rng: Rng, policy: HtlPolicy): HtlLink {
  return {
    decrementAtMax: rng.next() < policy.decrementAtMax,
    decrementAtMin: rng.next() < DECREMENT_AT_MIN_PROBABILITY,
  };
}

/**
 * The highest HTL held by a node that a greedy hop (one toward the key or location) reached. Under a
 * mixing design a node holding MAX_HTL − 1 got it from a node that mixed: a random hop, which leaves it
 * at a uniformly random distance from the target, and so does every hop before it.
 */
export function topGreedyHtl(policy: HtlPolicy): number {
  return policy.mixAtMax ? MAX_HTL - 2 : MAX_HTL;
}

/** Whether a node holding a request, insert or announcement at `htl` was reached by a greedy hop (`topGreedyHtl`). */
export function reachedGreedily(htl: number, policy: HtlPolicy): boolean {
  return htl <= topGreedyHtl(policy);
}

/** Whether a node holding a request or insert at `htl` mixes (`mixAtMax`): routes it to a random peer, never answers it itself. */
export function mixes(htl: number, policy: HtlPolicy): boolean {
  return policy.mixAtMax && htl >= MAX_HTL;
}

/** The HTL to send on `link` for a request holding `htl`; 0 means it must not be forwarded. */
export function decrementHtl(htl: number, link: HtlLink): number {
  if (htl >= MAX_HTL) return link.decrementAtMax ? MAX_HTL - 1 : MAX_HTL;
  if (htl <= 1) return htl === 1 && !link.decrementAtMin ? 1 : 0;
  return htl - 1;
}

/** Whether a relay that received a request at `htl` may cache what comes back. */
export function mayCacheAt(htl: number): boolean {
  return htl <= MAX_CACHING_HTL;
}
