/**
 * Inserts (spec/routing.md §5): a peer's InsertRequest is accepted (unless it loops, the node is
 * overloaded or too many of the peer's accepted inserts still wait for their blocks), its block
 * follows in an InsertData (insert-data.ts; one that never comes counts against the peer, load.ts) and is verified,
 * kept (in the store when this node is closer to the key than all its peers, else in the
 * cache beyond the first hops), and routed on until hops to live run out; once the route has
 * ended, a node that did not keep it in its store does so if the only closer peers are those the
 * insert had reached already (they answered RejectedLoop), then replies. An SSK slot that
 * already holds a different valid block answers with it. `insertLocally` is the originator's side.
 */
import { equalBytes } from '../protocol/crypto.js';
import { blockKind, isValidBlock, verifyBlock } from '../protocol/keys/block.js';
import { keyLocation } from '../protocol/location.js';
import type { InsertRequest, WireMessage } from '../protocol/wire/messages.js';
import { type NodeContext, hopTimeoutMs, relayDeadline } from './context.js';
import { InsertCollisionError } from './errors.js';
import { mayCacheAt } from './htl.js';
import { failureOf, type OperationOptions, runLocally } from './local.js';
import { enabled, requestFields } from './log-fields.js';
import type { Route, RouteOutcome } from './route.js';
import { cacheBlock } from './requests.js';
import { OVERLOADED } from './transactions.js';
import type { PeerId } from './transport.js';

export interface InsertResult {
  /** 'htl': the insert went as far as its hops to live; 'routes': it was stored but ran out of peers first. */
  readonly endedBy: 'htl' | 'routes';
}

function replyFor(outcome: RouteOutcome): WireMessage {
  switch (outcome.type) {
    case 'stored':
      return { type: 'insertReply', outcome: 'stored' };
    case 'collision':
      return { type: 'insertReply', outcome: 'collision', existingBlock: outcome.existingBlock };
    case 'routeNotFound':
      return { type: 'routeNotFound', htl: outcome.htl };
    default:
      throw new Error(`an insert cannot end with ${outcome.type}`);
  }
}

/** What keeping an inserted block here did: a different block already in the slot (an SSK collision), or whether it is now in the store. */
type Kept = { readonly existing: Uint8Array } | { readonly inStore: boolean };

/**
 * Keeps the block, verified by the caller, here if this node should: in the store when it is closer to the key than every
 * peer it could pass the insert on to (the peer it came from does not count: an originator never
 * keeps its own insert); else in the cache beyond the first hops.
 */
async function keep(context: NodeContext, from: PeerId, tx: bigint, request: InsertRequest, block: Uint8Array): Promise<Kept> {
  const { store, peers, settings } = context;
  const existing = await store.get(request.routingKey);
  if (existing !== undefined) return equalBytes(existing, block) ? { inStore: false } : { existing };
  const location = keyLocation(request.routingKey);
  if (peers.isClosestTo(settings.location, location, (peer) => peer === from)) {
    enabled(context.logger, 'debug')?.debug(requestFields(tx, request.routingKey, from), 'closer to the key than every peer: stored');
    // Verified when it arrived (handleInsertRequest): the store only seals it.
    const result = await store.put(request.routingKey, block, { partition: 'store', verified: blockKind(block) });
    return result.outcome === 'collision' ? { existing: result.existing } : { inStore: true };
  }
  if (mayCacheAt(request.htl)) cacheBlock(context, request.routingKey, block, tx, from);
  return { inStore: false };
}

/**
 * Answers the peer an insert came from once its route has ended. A node that did not keep the block
 * in its store keeps it there first if no peer that may hold it is closer to the key: the peers that
 * answered RejectedLoop had the insert already, and one of them may be its originator, which never
 * keeps its own insert (spec/routing.md §5 step 7). Without this, an insert whose originator is the
 * node closest to its key could end up stored nowhere, every node deferring to the originator.
 */
async function answer(context: NodeContext, from: PeerId, request: InsertRequest, block: Uint8Array, outcome: RouteOutcome, route: Route): Promise<void> {
  const { tx } = route.init;
  // Only mixing (HTL design v2) sends an insert away from the key first; greedy routing never skips the closest node.
  const mixing = context.peers.htlPolicy.mixAtMax;
  const onlyLoopsCloser =
    mixing && context.peers.isClosestTo(context.settings.location, keyLocation(request.routingKey), (peer) => peer === from || route.looped(peer));
  if (outcome.type !== 'collision' && onlyLoopsCloser) {
    try {
      await context.store.put(request.routingKey, block, { partition: 'store' });
      enabled(context.logger, 'debug')?.debug(requestFields(tx, request.routingKey, from), 'no closer peer but those the insert had reached: stored');
    } catch (error) {
      context.logger.warn({ ...requestFields(tx, request.routingKey, from), err: error }, 'could not keep an inserted block');
    }
  }
  context.send(from, tx, replyFor(outcome));
}

/**
 * An accepted insert whose block did not come in time: answered RouteNotFound with the HTL given,
 * so an honest sender tries its next peer at once, and counted against the sender, which is
 * disconnected at the misbehaviour limit (spec/routing.md §5). A peer that went is owed nothing.
 */
function blockMissing(context: NodeContext, from: PeerId, tx: bigint, request: InsertRequest, why: 'timeout' | 'gone'): void {
  if (why === 'gone') return;
  enabled(context.logger, 'debug')?.debug(
    requestFields(tx, request.routingKey, from),
    "the insert's block did not come: sent routeNotFound, counted against the peer",
  );
  context.send(from, tx, { type: 'routeNotFound', htl: request.htl });
  const peer = context.peers.get(from);
  if (peer !== undefined && context.load.recordMisbehaviour(from)) context.routeComponents.dropPeer(peer, 'accepted inserts whose blocks never came');
}

/**
 * A peer's insert: refused at once for a loop or overload, or while the peer has as many accepted
 * inserts waiting for their blocks as it may; else accepted, and once its block has come
 * (InsertData) verified, kept if this node should, and routed on.
 */
export async function handleInsertRequest(context: NodeContext, from: PeerId, tx: bigint, request: InsertRequest): Promise<void> {
  const { transactions, settings, peers, insertData } = context;
  if (!insertData.hasRoomFor(from)) {
    enabled(context.logger, 'debug')?.debug(
      requestFields(tx, request.routingKey, from),
      'too many accepted inserts of the peer wait for their blocks: refused',
    );
    return context.send(from, tx, OVERLOADED);
  }
  const refusal = transactions.admit(from, tx, request.routingKey);
  if (refusal !== undefined) return context.send(from, tx, refusal);
  const arriving = insertData.expect(from, tx);
  context.send(from, tx, { type: 'insertAccepted' });
  const arrival = await arriving;
  if ('missing' in arrival) return blockMissing(context, from, tx, request, arrival.missing);
  const { block } = arrival;
  if (!isValidBlock(request.routingKey, block, settings.chkFormat)) {
    enabled(context.logger, 'warn')?.warn(requestFields(tx, request.routingKey, from), 'invalid block inserted by a peer');
    const peer = peers.get(from);
    if (peer !== undefined && peers.recordInvalidBlock(peer)) context.routeComponents.dropPeer(peer, 'inserted an invalid block');
    return context.send(from, tx, { type: 'insertReply', outcome: 'invalidBlock' });
  }
  let kept: Kept = { inStore: false };
  try {
    kept = await keep(context, from, tx, request, block);
  } catch (error) {
    context.logger.warn({ ...requestFields(tx, request.routingKey, from), err: error }, 'could not keep an inserted block; routing it on');
  }
  if ('existing' in kept) {
    enabled(context.logger, 'debug')?.debug(requestFields(tx, request.routingKey, from), 'the slot holds another block: sent a collision');
    return context.send(from, tx, { type: 'insertReply', outcome: 'collision', existingBlock: kept.existing });
  }
  transactions.open(
    context.routeComponents,
    {
      tx,
      kind: 'insert',
      keyType: request.keyType,
      routingKey: request.routingKey,
      keyLocation: keyLocation(request.routingKey),
      htl: request.htl,
      upstream: from,
      block,
      deadline: relayDeadline(settings, context.clock.now(), request.htl),
      hopTimeoutMs: (htl) => hopTimeoutMs(settings, htl),
    },
    (outcome, route) => {
      if (kept.inStore) context.send(from, tx, replyFor(outcome));
      else void answer(context, from, request, block, outcome, route);
    },
  );
}

/**
 * Inserts a verified block into the network (verified here unless this process made it). The originator
 * does not keep its own insert: its store would show what it published.
 */
export async function insertLocally(context: NodeContext, routingKey: Uint8Array, block: Uint8Array, options: OperationOptions): Promise<InsertResult> {
  if (options.made === undefined) verifyBlock(routingKey, block, context.settings.chkFormat);
  return runLocally(context, 'insert', routingKey, block, options, (outcome, route) => {
    switch (outcome.type) {
      case 'stored':
        return { endedBy: 'htl' } as const;
      case 'collision':
        return new InsertCollisionError(outcome.existingBlock);
      case 'routeNotFound':
        // Peers that answered hold the block: the network was just smaller than the HTL.
        return route.answered && !outcome.timedOut ? ({ endedBy: 'routes' } as const) : failureOf(outcome, route, context.settings.localTimeoutMs);
      default:
        throw new Error(`an insert cannot end with ${outcome.type}`);
    }
  });
}
