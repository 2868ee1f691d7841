/**
 * Why a node-level operation failed, as the user should read it. Each class has a
 * stable `name` and `code`; messages never carry a stack or a peer's identity.
 */
import { WarrenError } from '../protocol/errors.js';

/** Hops to live ran out: nobody on the path had the data. */
export class DataNotFoundError extends WarrenError {
  readonly code = 'ERR_DATA_NOT_FOUND';
  constructor(
    readonly hops: number,
    options?: ErrorOptions,
  ) {
    super(`not found after ${hops} hops: the data may have dropped out of the network`, options);
  }
}

/** Every route was tried before hops to live ran out: the reachable network is too small or cut off. */
export class RouteNotFoundError extends WarrenError {
  readonly code = 'ERR_ROUTE_NOT_FOUND';
  constructor(
    readonly htlLeft: number,
    options?: ErrorOptions,
  ) {
    super(`no route left with ${htlLeft} hops to go: not enough connected peers to search further`, options);
  }
}

/** Peers refused the request for load. */
export class OverloadedError extends WarrenError {
  readonly code = 'ERR_OVERLOADED';
  constructor(options?: ErrorOptions) {
    super('the network refused the request: peers are overloaded, try again later', options);
  }
}

/** No answer in time. */
export class RequestTimeoutError extends WarrenError {
  readonly code = 'ERR_TIMEOUT';
  constructor(
    readonly afterMs: number,
    options?: ErrorOptions,
  ) {
    super(`no answer after ${Math.round(afterMs / 1000)} s`, options);
  }
}

/** An SSK insert hit a slot that already holds a different valid block, which wins. */
export class InsertCollisionError extends WarrenError {
  readonly code = 'ERR_INSERT_COLLISION';
  constructor(
    readonly existingBlock: Uint8Array,
    options?: ErrorOptions,
  ) {
    super('this SSK slot already holds a different block; publish a new edition instead', options);
  }
}

/** The node is stopped or stopping. */
export class NodeStoppedError extends WarrenError {
  readonly code = 'ERR_NODE_STOPPED';
  constructor(options?: ErrorOptions) {
    super('the node is not running', options);
  }
}

/** Joining the opennet failed: neither a saved peer nor a seed could be reached. */
export class NoPeersError extends WarrenError {
  readonly code = 'ERR_NO_PEERS';
  constructor(
    readonly tried: number,
    options?: ErrorOptions,
  ) {
    super(`could not connect to any of ${tried} saved peers and seeds: check the seed addresses and the network`, options);
  }
}

/** A location-swap offer that is malformed: wrong nonce length, a location outside [0, 1), too many links. */
export class InvalidSwapOfferError extends WarrenError {
  readonly code = 'ERR_INVALID_SWAP_OFFER';
}

/** A swap partner revealed an offer other than the one it committed to: the swap is void. */
export class SwapRevealMismatchError extends WarrenError {
  readonly code = 'ERR_SWAP_REVEAL_MISMATCH';
  constructor(options?: ErrorOptions) {
    super('the swap partner revealed something other than what it committed to', options);
  }
}

/** A darknet node already has as many friends as it keeps. */
export class TooManyFriendsError extends WarrenError {
  readonly code = 'ERR_TOO_MANY_FRIENDS';
  constructor(
    readonly maxFriends: number,
    options?: ErrorOptions,
  ) {
    super(`a node keeps at most ${maxFriends} friends`, options);
  }
}
