/**
 * The node's transaction bookkeeping (spec/routing.md §4): routes in flight by tx id,
 * tx ids seen recently (loop detection), requests in flight by key (coalescing), and
 * keys that just failed (so floods of repeats are not routed again). Every table is
 * bounded; the remembered ones expire without timers.
 *
 *   requests.ts / inserts.ts / opennet-handlers.ts ──admit/open/join──> TransactionTable ──Route──> peers
 *   Node ──reply/peerDisconnected──> TransactionTable ──> the Route of that tx
 *
 * At `debug` it logs each tx opened (with the upstream peer, or `origin: local`), joined, refused
 * (loop, overload), abandoned and closed (its outcome; `tx expired` when its time ran out).
 */
import { keyHex } from '../protocol/bytes.js';
import type { WireMessage } from '../protocol/wire/messages.js';
import type { Clock, Logger } from './components.js';
import { ExpiringMap } from './expiring-map.js';
import type { UpstreamLoad } from './load.js';
import { enabled, type RequestFields, requestFields, txText } from './log-fields.js';
import { Route, type RouteComponents, type RouteInit, type RouteOutcome } from './route.js';
import type { PeerId } from './transport.js';

/** Told how a route ended: the node replying to a peer, or a local caller. */
export type Waiter = (outcome: RouteOutcome, route: Route) => void;

export interface TransactionLimits {
  /** Routes in flight at once (default 1,000); beyond, requests are refused as overload. */
  readonly maxActive: number;
  /** Requests that may share one route (default 32). */
  readonly maxWaitersPerRoute: number;
  /** How long a finished tx id is remembered for loop detection (default 5 min). */
  readonly seenLifetimeMs: number;
  readonly seenCapacity: number;
  /** How long a key that was not found is answered DataNotFound without routing (default 30 s). */
  readonly failedLifetimeMs: number;
  readonly failedCapacity: number;
}

export interface TransactionComponents {
  readonly clock: Clock;
  /** Counts routes per upstream peer, for the per-peer share (load.ts). */
  readonly load: UpstreamLoad;
  /** The node's `transactions` logger. */
  readonly logger: Logger;
}

const LOOP: WireMessage = { type: 'rejectedLoop' };
/** This node's own overload: the only RejectedOverload a node sends (spec/routing.md §8.3). */
export const OVERLOADED: WireMessage = { type: 'rejectedOverload', local: true };

interface ActiveRoute {
  readonly route: Route;
  /** The routing key in hex, for requests (coalescing, failures); empty for inserts and announcements. */
  readonly keyHex: string;
  readonly waiters: Waiter[];
}

export class TransactionTable {
  private readonly routes = new Map<bigint, ActiveRoute>();
  private readonly requestsByKey = new Map<string, ActiveRoute>();
  private readonly seen: ExpiringMap<bigint, true>;
  private readonly failed: ExpiringMap<string, number>;

  constructor(
    private readonly components: TransactionComponents,
    private readonly limits: TransactionLimits,
  ) {
    this.seen = new ExpiringMap(components.clock, limits.seenLifetimeMs, limits.seenCapacity);
    this.failed = new ExpiringMap(components.clock, limits.failedLifetimeMs, limits.failedCapacity);
  }

  /** Routes in flight. */
  get active(): number {
    return this.routes.size;
  }

  get full(): boolean {
    return this.routes.size >= this.limits.maxActive;
  }

  /**
   * A peer's new request, insert or announcement: the refusal to answer it with (RejectedLoop for
   * a tx in flight or seen here recently, RejectedOverload when the table is full), or undefined
   * once the tx is marked seen. `routingKey` only names it in the log.
   */
  admit(from: PeerId, tx: bigint, routingKey: Uint8Array): WireMessage | undefined {
    const refusal = this.routes.has(tx) || this.seen.has(tx) ? LOOP : this.full ? OVERLOADED : undefined;
    if (refusal === undefined) this.seen.set(tx, true);
    else enabled(this.components.logger, 'debug')?.debug(requestFields(tx, routingKey, from), `refused: ${refusal.type}`);
    return refusal;
  }

  /** True when `routingKey` recently failed at an HTL of at least `htl`. */
  recentlyFailed(routingKey: Uint8Array, htl: number): boolean {
    return (this.failed.get(keyHex(routingKey)) ?? -1) >= htl;
  }

  /**
   * Adds `waiter` to a request for the same key already in flight, if that one searches
   * at least as far and has not been sent to `from` (which would wait on itself). `tx` is the
   * joining request's (undefined for a local one, which has none of its own).
   */
  join(tx: bigint | undefined, routingKey: Uint8Array, htl: number, from: PeerId | undefined, waiter: Waiter): Route | undefined {
    const active = this.requestsByKey.get(keyHex(routingKey));
    if (active === undefined || active.waiters.length >= this.limits.maxWaitersPerRoute) return undefined;
    const { route } = active;
    if (route.currentHtl < htl || (from !== undefined && (route.hasTried(from) || route.init.upstream === from))) return undefined;
    active.waiters.push(waiter);
    enabled(this.components.logger, 'debug')?.debug(
      { ...requestFields(tx ?? route.init.tx, routingKey, from), joined: txText(route.init.tx) },
      'joined a request in flight for the same key',
    );
    return route;
  }

  /** Starts routing `init.tx`; every waiter hears the outcome once. */
  open(components: RouteComponents, init: RouteInit, waiter: Waiter): Route {
    const hex = init.kind === 'request' ? keyHex(init.routingKey) : '';
    const route = new Route(components, init, (outcome) => this.finish(active, outcome));
    const active: ActiveRoute = { route, keyHex: hex, waiters: [waiter] };
    this.routes.set(init.tx, active);
    if (init.upstream !== undefined) this.components.load.routeOpened(init.upstream);
    if (init.kind === 'request' && !this.requestsByKey.has(hex)) this.requestsByKey.set(hex, active);
    enabled(this.components.logger, 'debug')?.debug({ ...fieldsOf(route), kind: init.kind, htl: init.htl }, 'tx opened');
    route.start();
    return route;
  }

  /** Removes a waiter that gave up; a route nobody waits for is cancelled. */
  abandon(tx: bigint, waiter: Waiter): void {
    const active = this.routes.get(tx);
    if (active === undefined) return;
    const index = active.waiters.indexOf(waiter);
    if (index >= 0) active.waiters.splice(index, 1);
    if (active.waiters.length > 0) return;
    enabled(this.components.logger, 'debug')?.debug(fieldsOf(active.route), 'tx abandoned: nobody waits for it');
    active.route.cancel();
    this.forget(active);
  }

  reply(from: PeerId, tx: bigint, reply: WireMessage): void {
    this.routes.get(tx)?.route.onReply(from, reply);
  }

  peerDisconnected(peer: PeerId): void {
    for (const { route } of [...this.routes.values()]) route.onPeerDisconnected(peer);
  }

  /** Cancels every route without telling its waiters: used when the node stops. */
  cancelAll(): void {
    for (const active of [...this.routes.values()]) {
      active.route.cancel();
      this.forget(active);
    }
  }

  private finish(active: ActiveRoute, outcome: RouteOutcome): void {
    enabled(this.components.logger, 'debug')?.debug(
      { ...fieldsOf(active.route), outcome: outcome.type, ...(outcome.type === 'routeNotFound' ? { htl: outcome.htl } : {}) },
      outcome.type === 'routeNotFound' && outcome.timedOut ? 'tx expired' : 'tx closed',
    );
    this.forget(active);
    // A DataNotFound this route doubted is not remembered: it may be an attacker's (routing §10). Nor is one a
    // mixing route met: its peers were drawn at random, so it says nothing of the key's neighbourhood (§3).
    if (outcome.type === 'dataNotFound' && active.route.init.kind === 'request' && !active.route.doubtedAny && !active.route.mixed) {
      this.failed.set(active.keyHex, active.route.init.htl);
    }
    for (const waiter of active.waiters) waiter(outcome, active.route);
  }

  private forget(active: ActiveRoute): void {
    const { tx, upstream } = active.route.init;
    this.routes.delete(tx);
    if (upstream !== undefined) this.components.load.routeEnded(upstream);
    if (this.requestsByKey.get(active.keyHex) === active) this.requestsByKey.delete(active.keyHex);
    this.seen.set(tx, true);
  }
}

/** A route's tx and key, and the peer it came from (`origin: local` at the originator). */
function fieldsOf({ init }: Route): RequestFields {
  return requestFields(init.tx, init.routingKey, init.upstream);
}
