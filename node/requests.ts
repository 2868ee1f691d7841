/**
 * Data requests (spec/routing.md §3): answering a peer's DataRequest from the store or
 * by routing it on, and the local user's `request()`.
 *
 *   Node ──dataRequest──> handleDataRequest ──open/join──> TransactionTable ──outcome──> reply
 *   Node.request ──> requestLocally ──runLocally──> same routes, typed errors
 *   a request found ──> path folding (opennet-handlers.ts): the source offers itself, relays remember the tx
 */
import { keyLocation } from '../protocol/location.js';
import type { DataRequest, WireMessage } from '../protocol/wire/messages.js';
import { type NodeContext, hopTimeoutMs, relayDeadline } from './context.js';
import { NodeStoppedError } from './errors.js';
import { mayCacheAt, mixes } from './htl.js';
import { failureOf, type OperationOptions, runLocally } from './local.js';
import { enabled, keyText, requestFields } from './log-fields.js';
import { offerSelf } from './opennet-handlers.js';
import type { RouteOutcome } from './route.js';
import type { PeerId } from './transport.js';

function replyFor(outcome: RouteOutcome): WireMessage {
  switch (outcome.type) {
    case 'found':
      return { type: 'dataFound', block: outcome.block };
    case 'dataNotFound':
      return { type: 'dataNotFound' };
    case 'routeNotFound':
      return { type: 'routeNotFound', htl: outcome.htl };
    default:
      throw new Error(`a request cannot end with ${outcome.type}`);
  }
}

/** The fields of a line about a request: a peer's (its tx and the peer), or the local user's (no tx yet). */
function fieldsOf(routingKey: Uint8Array, tx?: bigint, from?: PeerId): object {
  return tx === undefined ? { key: keyText(routingKey), origin: 'local' } : requestFields(tx, routingKey, from);
}

/** The store's answer, or undefined when it has none or cannot read (a failing disk must not stop routing). */
async function lookUp(context: NodeContext, routingKey: Uint8Array, tx?: bigint, from?: PeerId): Promise<Uint8Array | undefined> {
  try {
    return await context.store.get(routingKey);
  } catch (error) {
    context.logger.warn({ ...fieldsOf(routingKey, tx, from), err: error }, 'store read failed; routing the request on');
    return undefined;
  }
}

/** Answers `request` from the store if it holds the block (and offers this node as a new peer); false if it does not. */
async function answerFromStore(context: NodeContext, from: PeerId, tx: bigint, request: DataRequest): Promise<boolean> {
  const block = await lookUp(context, request.routingKey, tx, from);
  if (block === undefined) return false;
  enabled(context.logger, 'debug')?.debug({ ...requestFields(tx, request.routingKey, from), htl: request.htl }, 'found in the store: sent dataFound');
  context.send(from, tx, { type: 'dataFound', block });
  offerSelf(context, from, tx);
  return true;
}

export async function handleDataRequest(context: NodeContext, from: PeerId, tx: bigint, request: DataRequest): Promise<void> {
  const { transactions, settings } = context;
  const refusal = transactions.admit(from, tx, request.routingKey);
  if (refusal !== undefined) return context.send(from, tx, refusal);
  // Taken on: the sender may now wait the hop's whole time for the answer (spec/routing.md §3).
  context.send(from, tx, { type: 'requestAccepted' });
  // At the maximum HTL (design v2) the request goes on whatever this node holds or knows: answering here
  // would end the chain of nodes at the maximum that hides the originator (spec/routing.md §2).
  const mixing = mixes(request.htl, context.peers.htlPolicy);
  if (!mixing && (await answerFromStore(context, from, tx, request))) return;
  if (!mixing && transactions.recentlyFailed(request.routingKey, request.htl)) {
    enabled(context.logger, 'debug')?.debug(requestFields(tx, request.routingKey, from), 'not found here recently: sent dataNotFound');
    return context.send(from, tx, { type: 'dataNotFound' });
  }
  const answer = (outcome: RouteOutcome): void => context.send(from, tx, replyFor(outcome));
  if (!mixing && transactions.join(tx, request.routingKey, request.htl, from, answer) !== undefined) return;
  transactions.open(
    context.routeComponents,
    {
      tx,
      kind: 'request',
      keyType: request.keyType,
      routingKey: request.routingKey,
      keyLocation: keyLocation(request.routingKey),
      htl: request.htl,
      upstream: from,
      deadline: relayDeadline(settings, context.clock.now(), request.htl),
      hopTimeoutMs: (htl) => hopTimeoutMs(settings, htl),
    },
    (outcome, route) => {
      if (outcome.type === 'found') context.opennet.recordFold(route);
      // A mixing node whose peers ran out (a network smaller than the chain at the maximum) answers from its store after all.
      if (mixing && outcome.type === 'routeNotFound' && !outcome.timedOut) {
        answerFromStore(context, from, tx, request).then((found) => found || answer(outcome));
        return;
      }
      answer(outcome);
      // Sent on first; the cache write (the route verified the block) runs behind it.
      if (outcome.type === 'found' && mayCacheAt(request.htl)) cacheBlock(context, request.routingKey, outcome.block, tx, from);
    },
  );
}

/**
 * Writes a verified block that passed through (request or insert `tx` from `from`) into the cache
 * partition, behind the forwarding: never awaited, bounded (node/cache-writes.ts).
 */
export function cacheBlock(context: NodeContext, routingKey: Uint8Array, block: Uint8Array, tx: bigint, from: PeerId): void {
  context.cacheWrites.write(routingKey, block, requestFields(tx, routingKey, from));
}

/** The block under `routingKey`, from the local store or the network; never cached locally. */
export async function requestLocally(context: NodeContext, routingKey: Uint8Array, options: OperationOptions): Promise<Uint8Array> {
  if (!context.isRunning()) throw new NodeStoppedError();
  options.signal?.throwIfAborted();
  const stored = await lookUp(context, routingKey);
  if (stored !== undefined) {
    enabled(context.logger, 'debug')?.debug(fieldsOf(routingKey), 'found in the local store');
    options.onProgress?.({ type: 'cacheHit' });
    return stored;
  }
  return runLocally(context, 'request', routingKey, undefined, options, (outcome, route) => {
    // No fold: the originator takes none (spec/routing.md §9.4).
    if (outcome.type === 'found') return outcome.block;
    if (outcome.type === 'dataNotFound' || outcome.type === 'routeNotFound') return failureOf(outcome, route, context.settings.localTimeoutMs);
    throw new Error(`a request cannot end with ${outcome.type}`);
  });
}
