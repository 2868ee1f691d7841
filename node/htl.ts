/**
 * Hops to live (spec/routing.md §2). A request starts at MAX_HTL; each time a node
 * forwards it to a peer it applies that link's decrement rule. At the maximum and at
 * 1 the decrement is probabilistic, decided once per link, so a peer cannot tell from
 * the HTL whether its neighbour originated a request or how close it is to the end.
 */
import { MAX_HTL } from '../protocol/wire/limits.js';
import type { Rng } from './components.js';

export { MAX_HTL };

/** Probability that a link decrements an HTL at the maximum. */
export const DECREMENT_AT_MAX_PROBABILITY = 0.5;
/** Probability that a link decrements an HTL of 1 (ending the search). */
export const DECREMENT_AT_MIN_PROBABILITY = 0.25;
/** Relays receiving a request with an HTL above this do not cache its data: they may be next to the originator. */
export const MAX_CACHING_HTL = MAX_HTL - 2;

/** The per-link decisions, drawn once when the link comes up. */
export interface HtlLink {
  readonly decrementAtMax: boolean;
  readonly decrementAtMin: boolean;
}

export function drawHtlLink(rng: Rng): HtlLink {
  return {
    decrementAtMax: rng.next() < DECREMENT_AT_MAX_PROBABILITY,
    decrementAtMin: rng.next() < DECREMENT_AT_MIN_PROBABILITY,
  };
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
