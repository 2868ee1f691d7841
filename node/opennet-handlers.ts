/**
 * Opennet messages (spec/routing.md §9): a peer's Announce is answered with this node's
 * own PeerOffer when it would take the announcer, and routed on toward the announcer's
 * location, passing offers from further on back upstream; a PeerOffer is verified, then
 * handed to the announcement it answers or to the path fold it follows. The node's own
 * announcement and its offer after a DataFound from its store start here too. Neither
 * message crosses a friend link, nor enters a node outside the opennet (§9.9).
 *
 *   Node ──announce──> handleAnnounce ──open(kind announce)──> TransactionTable ──> Route
 *   Node ──peerOffer──> handlePeerOffer ──> Route.onOffer (announcements) | Opennet.takeFold
 *   requests.ts ──offerSelf (after DataFound from the store) / Opennet.recordFold (route found)
 */
import { toHex } from '../protocol/bytes.js';
import { circularDistance } from '../protocol/location.js';
import type { Announce, NodeRef, PeerOffer } from '../protocol/wire/messages.js';
import { type NodeContext, hopTimeoutMs, relayDeadline } from './context.js';
import { MAX_HTL, reachedGreedily, topGreedyHtl } from './htl.js';
import type { RouteInit, RouteOutcome } from './route.js';
import type { PeerId } from './transport.js';
import type { VerifiedNode } from './opennet.js';

/** Sends a PeerOffer, unless `to` is a friend: a darknet friend would have to act on opennet machinery (§9.9). */
function sendOffer(context: NodeContext, to: PeerId, tx: bigint, node: NodeRef): void {
  if (!context.friends.has(to)) context.send(to, tx, { type: 'peerOffer', node });
}

/** Whether an opennet message from `from` is for this node at all: not at a darknet node (one that swaps), nor from a friend (§9.9). */
function opennetLink(context: NodeContext, from: PeerId): boolean {
  return context.swapping === undefined && !context.friends.has(from);
}

/** The fields every announce route shares. */
function announceRoute(context: NodeContext, tx: bigint, announced: VerifiedNode, htl: number, upstream: PeerId | undefined): Omit<RouteInit, 'onOffer'> {
  const { settings, clock } = context;
  return {
    tx,
    kind: 'announce',
    // An announce route sends no key: these only name the route in the transaction table.
    keyType: 'chk',
    routingKey: announced.node.publicKey,
    keyLocation: announced.location,
    htl,
    upstream,
    announced: announced.node,
    // Never to the announcer, nor into the darknet: a friend takes no part in the opennet (§9.9).
    avoid: (peer) => peer === announced.id || context.friends.has(peer),
    deadline: upstream === undefined ? clock.now() + settings.localTimeoutMs : relayDeadline(settings, clock.now(), htl),
    hopTimeoutMs: (sent) => hopTimeoutMs(settings, sent),
  };
}

/**
 * Whether a relay holding an announcement at `htl` offers itself (§9.3): only a relay that a greedy hop
 * reached (`reachedGreedily`: not the mixing relays, nor the node the last of them picked, all at a
 * random distance from the announcer, whose offers would be uniform random links, too many of them long);
 * of those, the first `announceOfferHops`, the greedy approach from a random node, which passes nodes at
 * every scale of distance; after it, only a node closer to the announcer than all its other opennet
 * peers (one of its ring neighbours; friends, where the announcement never goes, do not count): the hops
 * that circle the announcer's neighbourhood would otherwise add only more short links.
 */
function offersToAnnouncer(context: NodeContext, htl: number, announcer: VerifiedNode): boolean {
  const policy = context.peers.htlPolicy;
  if (!reachedGreedily(htl, policy)) return false;
  if (htl > topGreedyHtl(policy) - context.opennet.settings.announceOfferHops) return true;
  const own = circularDistance(context.settings.location, announcer.location);
  for (const peer of context.peers) {
    if (peer.id !== announcer.id && !context.friends.has(peer.id) && circularDistance(peer.location, announcer.location) < own) return false;
  }
  return true;
}

export function handleAnnounce(context: NodeContext, from: PeerId, tx: bigint, announce: Announce): void {
  const { transactions, opennet } = context;
  // No route here for an announcement: the sender tries its next peer, with the HTL it sent.
  if (!opennetLink(context, from)) return context.send(from, tx, { type: 'routeNotFound', htl: announce.htl });
  const refusal = transactions.admit(from, tx, announce.node.publicKey);
  if (refusal !== undefined) return context.send(from, tx, refusal);
  const announcer = opennet.verify(announce.node);
  if (announcer === undefined) {
    opennet.recordInvalidOffer(from);
    return context.send(from, tx, { type: 'dataNotFound' });
  }
  let offers = 0;
  const offerOwn = (): void => {
    const own = opennet.ownNode();
    if (own === undefined || !opennet.wants(announcer) || !opennet.claimPlace()) return;
    sendOffer(context, from, tx, own);
    offers++;
  };
  if (offersToAnnouncer(context, announce.htl, announcer)) offerOwn();
  const randomlyReached = !reachedGreedily(announce.htl, context.peers.htlPolicy);
  transactions.open(
    context.routeComponents,
    {
      ...announceRoute(context, tx, announcer, announce.htl, from),
      onOffer: (_peer, offer) => {
        if (offers >= opennet.settings.maxOffersPerAnnounce) return;
        offers++;
        sendOffer(context, from, tx, offer);
      },
    },
    (outcome: RouteOutcome) => {
      // A relay a random hop reached whose route brought back no offer (a network too small for the
      // announcement to get beyond its random hops) offers itself, so that a newcomer to a few nodes
      // still meets more than its seed.
      if (randomlyReached && offers === 0) offerOwn();
      context.send(from, tx, outcome.type === 'routeNotFound' ? { type: 'routeNotFound', htl: outcome.htl } : { type: 'dataNotFound' });
    },
  );
}

/**
 * An offer is verified and vetted (a self-offer keeps its addresses at its link's host) once,
 * here, before an announcement or a path fold sees it. A darknet node drops every offer, and any
 * node those of a friend: dialling an offered stranger would take the darknet into the opennet.
 */
export function handlePeerOffer(context: NodeContext, from: PeerId, tx: bigint, offer: PeerOffer): void {
  const { opennet } = context;
  if (!opennetLink(context, from)) return;
  const verified = opennet.verify(offer.node);
  if (verified === undefined) return opennet.recordInvalidOffer(from);
  const offered = opennet.vetOffer(verified, from);
  if (offered === undefined) return;
  context.transactions.reply(from, tx, { type: 'peerOffer', node: offered.node });
  const fold = opennet.takeFold(tx, from);
  if (fold === undefined) return;
  if (opennet.drawTake()) void opennet.considerOffer(offered, from);
  const own = opennet.drawReset() ? opennet.ownNode() : undefined;
  sendOffer(context, fold.upstream, tx, own ?? offered.node);
}

/**
 * The data source's side of path folding: after its DataFound, it offers itself if it has a place for
 * one more peer (§9.5), and `to` is no friend (§9.9).
 */
export function offerSelf(context: NodeContext, to: PeerId, tx: bigint): void {
  const own = context.opennet.ownNode();
  if (own !== undefined && !context.friends.has(to) && context.opennet.claimPlace()) sendOffer(context, to, tx, own);
}

/** Announces this node toward its own location; resolves with the offers it acted on, once the announcement ends. */
export function announceSelf(context: NodeContext): Promise<number> {
  const { opennet, transactions, rng, settings, localOperations } = context;
  const own = opennet.ownNode();
  if (own === undefined || !context.isRunning() || transactions.full) return Promise.resolve(0);
  return new Promise((resolve) => {
    let offers = 0;
    // Stopping the node cancels the route without an outcome: it ends the announcement too.
    const end = (): void => {
      localOperations.delete(end);
      resolve(offers);
    };
    localOperations.add(end);
    transactions.open(
      context.routeComponents,
      {
        ...announceRoute(context, rng.nextU64(), { node: own, id: toHex(own.publicKey), location: settings.location }, MAX_HTL, undefined),
        onOffer: (peer, offer) => {
          const offered = opennet.verify(offer);
          if (offered === undefined || offers >= opennet.settings.maxOffersPerAnnounce) return;
          offers++;
          void opennet.considerOffer(offered, peer);
        },
      },
      end,
    );
  });
}
