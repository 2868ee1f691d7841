/** What the client needs of a node, and the options every client operation shares. */
import { setMaxListeners } from 'node:events';
import type { BlockKind } from '../../protocol/keys/index.js';
import type { KeyType } from '../../protocol/wire/messages.js';

/** The two calls the client makes: `Node` satisfies it, so do test doubles around one. */
export interface ClientNode {
  /** The verified block under `routingKey`. */
  request(routingKey: Uint8Array, options?: { readonly keyType?: KeyType; readonly signal?: AbortSignal | undefined }): Promise<Uint8Array>;
  insert(routingKey: Uint8Array, block: Uint8Array, options?: InsertCallOptions): Promise<unknown>;
}

export interface InsertCallOptions {
  readonly keyType?: KeyType;
  readonly signal?: AbortSignal | undefined;
  /**
   * The block's kind, when this process made it from its content (`encodeChk`, `encodeSsk`): it matches its
   * routing key by construction, so the node need not hash it again. Never set for bytes from elsewhere.
   */
  readonly made?: BlockKind | undefined;
}

export interface OperationOptions<P> {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: P) => void) | undefined;
}

/** `T` with its fields writable: counts an operation keeps and hands out as `T`. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Default number of block requests or inserts one operation keeps in flight. */
export const DEFAULT_WINDOW = 32;

/**
 * A signal that aborts with any of `signals`, for the many block requests of one operation
 * (each listens to it, so it has no listener limit).
 */
export function operationSignal(...signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal {
  const signal = AbortSignal.any(signals.filter((item): item is AbortSignal => item !== undefined));
  setMaxListeners(0, signal);
  return signal;
}
