/**
 * A node's friends (spec/node.md §5): the node references exchanged out of band, each verified once
 * when added. In darknet mode the TCP transport asks `admits` right after the Noise handshake, so the
 * node keeps no link to anyone else, in or out; in either mode the node asks `has` to keep its
 * friends' links out of the opennet's rules (a mixed node, spec/routing.md §9.9).
 */
import { toHex } from '../protocol/bytes.js';
import { verifyIdentityProof } from '../protocol/identity.js';
import type { NodeRef } from '../protocol/wire/messages.js';
import { TooManyFriendsError } from './errors.js';
import type { PeerId } from './transport.js';

/** Most friends a node keeps: far more than a person has, and a bound on the table. */
export const MAX_FRIENDS = 256;

/** Who a transport keeps links with (node/net/tcp-transport.ts). */
export interface PeerAdmission {
  admits(peer: PeerId): boolean;
}

/** Which peers are friends: what a node asks to keep their links out of the opennet's rules. */
export interface FriendSet {
  has(peer: PeerId): boolean;
}

/** The friends of a node that has none. */
export const NO_FRIENDS: FriendSet = { has: () => false };

export class FriendList implements PeerAdmission, FriendSet {
  private readonly friends = new Map<PeerId, NodeRef>();

  constructor(
    private readonly init: {
      /** The network's difficulty: a friend's proof of work must meet it like anyone's. */
      readonly powDifficulty: number;
      readonly maxFriends?: number;
    },
  ) {}

  /**
   * Adds (or updates the addresses of) a friend; throws `InvalidIdentityError` for a proof that
   * does not meet the difficulty and `TooManyFriendsError` beyond the bound. Returns its peer id.
   */
  add(node: NodeRef): PeerId {
    verifyIdentityProof({ publicKey: node.publicKey, nonce: node.powNonce }, this.init.powDifficulty);
    const id = toHex(node.publicKey);
    const limit = this.init.maxFriends ?? MAX_FRIENDS;
    if (!this.friends.has(id) && this.friends.size >= limit) throw new TooManyFriendsError(limit);
    this.friends.set(id, node);
    return id;
  }

  remove(peer: PeerId): boolean {
    return this.friends.delete(peer);
  }

  has(peer: PeerId): boolean {
    return this.friends.has(peer);
  }

  /** A darknet node's transport admits its friends and nobody else. */
  admits(peer: PeerId): boolean {
    return this.has(peer);
  }

  /** The friends' references, in the order they were added. */
  list(): NodeRef[] {
    return [...this.friends.values()];
  }
}
