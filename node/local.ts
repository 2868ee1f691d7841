/**
 * Running a route for the local user (spec/routing.md §6): the originator's side of a
 * request or insert, with an AbortSignal, progress events, and the route's outcome
 * turned into a value or a typed error that says why it failed.
 */
import type { BlockKind } from '../protocol/keys/index.js';
import { keyLocation } from '../protocol/location.js';
import type { KeyType } from '../protocol/wire/messages.js';
import { type NodeContext, hopTimeoutMs } from './context.js';
import { DataNotFoundError, NodeStoppedError, OverloadedError, RequestTimeoutError, RouteNotFoundError } from './errors.js';
import { MAX_HTL } from './htl.js';
import type { Route, RouteOutcome, RouteProgress } from './route.js';
import type { Waiter } from './transactions.js';

export type OperationProgress = RouteProgress | { readonly type: 'cacheHit' };

export interface OperationOptions {
  readonly keyType?: KeyType;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: OperationProgress) => void) | undefined;
  /**
   * An insert's block was made in this process from its content (node/client): it matches its routing
   * key by construction and is not hashed again. Never set for bytes from elsewhere (the API's blocks).
   */
  readonly made?: BlockKind | undefined;
}

/** The error for a route that ended without reaching its goal. */
export function failureOf(outcome: RouteOutcome & { type: 'routeNotFound' | 'dataNotFound' }, route: Route, timeoutMs: number): Error {
  if (outcome.type === 'dataNotFound') return new DataNotFoundError(MAX_HTL);
  if (outcome.timedOut) return new RequestTimeoutError(timeoutMs);
  if (route.overloaded) return new OverloadedError();
  return new RouteNotFoundError(outcome.htl);
}

/**
 * Opens (or, for requests, joins) a route with the local node as originator and settles
 * with `settle(outcome, route)`: a value, or an Error to reject with.
 */
export function runLocally<T>(
  context: NodeContext,
  kind: 'request' | 'insert',
  routingKey: Uint8Array,
  block: Uint8Array | undefined,
  options: OperationOptions,
  settle: (outcome: RouteOutcome, route: Route) => T | Error,
): Promise<T> {
  const { clock, rng, settings, transactions, routeComponents, localOperations } = context;
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  if (!context.isRunning()) return Promise.reject(new NodeStoppedError());
  return new Promise<T>((resolve, reject) => {
    const done = (): void => {
      localOperations.delete(fail);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: Error): void => {
      done();
      reject(error);
    };
    const waiter: Waiter = (outcome, route) => {
      done();
      const result = settle(outcome, route);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const joined = kind === 'request' ? transactions.join(undefined, routingKey, MAX_HTL, undefined, waiter) : undefined;
    // Beyond the route table's bound a local operation fails at once rather than queueing.
    if (joined === undefined && transactions.full) return reject(new OverloadedError());
    const route =
      joined ??
      transactions.open(
        routeComponents,
        {
          tx: rng.nextU64(),
          kind,
          keyType: options.keyType ?? 'chk',
          routingKey,
          keyLocation: keyLocation(routingKey),
          htl: MAX_HTL,
          upstream: undefined,
          block,
          deadline: clock.now() + settings.localTimeoutMs,
          hopTimeoutMs: (htl) => hopTimeoutMs(settings, htl),
          onProgress: options.onProgress,
        },
        waiter,
      );
    // Hoisted: a route that finishes inside `open` calls `done`, which names it, before this line runs.
    function onAbort(): void {
      transactions.abandon(route.init.tx, waiter);
      fail(signal!.reason as Error);
    }
    if (route.finished) return;
    localOperations.add(fail);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
