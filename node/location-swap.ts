/**
 * Location swapping (Sandberg 2006, spec/routing.md §11): the pure decisions a darknet node makes,
 * shared by real nodes and the simulator.
 *
 *   initiator                                   responder (end of a random walk)
 *   nonce_i, offer_i ──commitment(offer_i)──>
 *                    <──commitment(offer_r)──   nonce_r, offer_r
 *   ──offer_i (reveal)──>          <──offer_r (reveal)──
 *   both: checkReveal(commitment, offer) ──> swapCoin(nonce_i, nonce_r) ──> swapAccepted(offer_i, offer_r, coin)
 *
 * An offer is a node's location, the locations of its links and a 32-byte random nonce. Each side
 * commits to its whole offer before it sees the other's, so neither can pick its nonce (nor its
 * claims) to steer the coin; both compute the same coin from both nonces and reach the same decision.
 * The decision is Metropolis–Hastings over the product of link distances: a swap that makes the
 * product smaller is always taken; one that makes it larger is taken with probability before / after.
 */
import { createHasher, equalBytes, hash } from '../protocol/crypto.js';
import { circularDistance, locationBitsAt, locationFromBits } from '../protocol/location.js';
import { MAX_SWAP_NEIGHBOURS, SWAP_NONCE_BYTES } from '../protocol/wire/limits.js';
import { InvalidSwapOfferError, SwapRevealMismatchError } from './errors.js';

/**
 * Bytes of each side's random contribution, and the most link locations an offer may carry (a node's links
 * beyond these are not counted): the wire's limits.
 */
export { MAX_SWAP_NEIGHBOURS, SWAP_NONCE_BYTES };
/**
 * A link distance below this counts as this (2^-53, the ring's resolution in a double): a zero
 * distance would make a product zero and its logarithm −∞.
 */
export const MIN_LINK_DISTANCE = 2 ** -53;

const COMMIT_TAG = 'warren/swap-commit/v1';
const COIN_TAG = 'warren/swap-coin/v1';

/** What one side of a swap reveals: where it is, where its links lead, and its random contribution. */
export interface SwapOffer {
  readonly nonce: Uint8Array;
  readonly location: number;
  readonly neighbourLocations: readonly number[];
}

const isLocation = (value: number): boolean => Number.isFinite(value) && value >= 0 && value < 1;

/** Throws `InvalidSwapOfferError` unless `offer` is well formed (bounded, locations in [0, 1)). */
export function checkSwapOffer(offer: SwapOffer): void {
  if (offer.nonce.length !== SWAP_NONCE_BYTES) throw new InvalidSwapOfferError(`a swap nonce must be ${SWAP_NONCE_BYTES} bytes, got ${offer.nonce.length}`);
  if (!isLocation(offer.location)) throw new InvalidSwapOfferError(`a swap location must lie in [0, 1), got ${offer.location}`);
  if (offer.neighbourLocations.length > MAX_SWAP_NEIGHBOURS) {
    throw new InvalidSwapOfferError(`a swap offer carries at most ${MAX_SWAP_NEIGHBOURS} link locations, got ${offer.neighbourLocations.length}`);
  }
  for (const location of offer.neighbourLocations) {
    if (!isLocation(location)) throw new InvalidSwapOfferError(`a link location must lie in [0, 1), got ${location}`);
  }
}

/** A location as 8 bytes: its float64, big-endian (exact, so both sides hash the same claim). */
function locationBytes(location: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, location, false);
  return bytes;
}

/** The commitment to an offer: a hash of its nonce, its location and its link locations in order. */
export function swapCommitment(offer: SwapOffer): Uint8Array {
  checkSwapOffer(offer);
  const hasher = createHasher(COMMIT_TAG);
  hasher.update(offer.nonce);
  hasher.update(locationBytes(offer.location));
  for (const location of offer.neighbourLocations) hasher.update(locationBytes(location));
  return hasher.digest();
}

/** Throws `SwapRevealMismatchError` unless `offer` is the one `commitment` was made to. */
export function checkReveal(commitment: Uint8Array, offer: SwapOffer): void {
  const expected = swapCommitment(offer);
  if (!equalBytes(expected, commitment)) throw new SwapRevealMismatchError();
}

/** The shared coin in [0, 1): uniform as long as either side drew its nonce at random, and the same on both sides. */
export function swapCoin(initiatorNonce: Uint8Array, responderNonce: Uint8Array): number {
  return locationFromBits(locationBitsAt(hash(COIN_TAG, initiatorNonce, responderNonce), 0));
}

/**
 * Σ log d(location, l) over the link locations, skipping the first one equal to `partner` (the
 * link between the two sides, whose length a swap leaves unchanged).
 */
function logDistanceSum(location: number, neighbourLocations: readonly number[], partner: number): number {
  let sum = 0;
  let skipped = false;
  for (const neighbour of neighbourLocations) {
    if (!skipped && neighbour === partner) {
      skipped = true;
      continue;
    }
    sum += Math.log(Math.max(MIN_LINK_DISTANCE, circularDistance(location, neighbour)));
  }
  return sum;
}

/**
 * log(before / after): the log of the product of both sides' link distances where they are, minus
 * the same where they would be after swapping. Non-negative: the swap shortens links.
 */
export function swapLogGain(a: Pick<SwapOffer, 'location' | 'neighbourLocations'>, b: Pick<SwapOffer, 'location' | 'neighbourLocations'>): number {
  const before = logDistanceSum(a.location, a.neighbourLocations, b.location) + logDistanceSum(b.location, b.neighbourLocations, a.location);
  const after = logDistanceSum(b.location, a.neighbourLocations, b.location) + logDistanceSum(a.location, b.neighbourLocations, a.location);
  return before - after;
}

/**
 * How much longer one side's own links get, per link, if it moves to `partner`: the mean of
 * log(after / before) over its links (the link to the partner left out). 0 for a side with no link.
 */
export function ownLogLossPerLink(side: Pick<SwapOffer, 'location' | 'neighbourLocations'>, partner: number): number {
  const links = side.neighbourLocations.length - (side.neighbourLocations.includes(partner) ? 1 : 0);
  if (links <= 0) return 0;
  return (logDistanceSum(partner, side.neighbourLocations, partner) - logDistanceSum(side.location, side.neighbourLocations, partner)) / links;
}

export interface SwapDecisionInit {
  /**
   * The own-loss bound (spec/routing.md §11.4): a swap is refused when either side's own links
   * would get longer by more than this, as a mean of log(after / before) per link. Infinity turns
   * it off (Sandberg's rule alone).
   */
  readonly maxOwnLogLossPerLink: number;
}

/**
 * Metropolis–Hastings: accept when the coin falls below min(1, before / after), unless the swap
 * would lengthen either side's own links past the own-loss bound. Symmetric in the two sides.
 */
export function swapAccepted(
  a: Pick<SwapOffer, 'location' | 'neighbourLocations'>,
  b: Pick<SwapOffer, 'location' | 'neighbourLocations'>,
  coin: number,
  { maxOwnLogLossPerLink }: SwapDecisionInit,
): boolean {
  if (ownLogLossPerLink(a, b.location) > maxOwnLogLossPerLink || ownLogLossPerLink(b, a.location) > maxOwnLogLossPerLink) return false;
  const gain = swapLogGain(a, b);
  return gain >= 0 || coin < Math.exp(gain);
}

/** Both reveals checked against their commitments, then the common decision. */
export function decideSwap(
  initiator: { readonly commitment: Uint8Array; readonly offer: SwapOffer },
  responder: { readonly commitment: Uint8Array; readonly offer: SwapOffer },
  init: SwapDecisionInit,
): boolean {
  checkReveal(initiator.commitment, initiator.offer);
  checkReveal(responder.commitment, responder.offer);
  return swapAccepted(initiator.offer, responder.offer, swapCoin(initiator.offer.nonce, responder.offer.nonce), init);
}
