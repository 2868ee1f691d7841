/**
 * Hands transport events to the node in the order they happened, from a microtask: a handler
 * never runs inside a transport call (`send` that finds a slow reader, `disconnect`, `stop`) nor
 * inside libp2p's event dispatch, so it may call the transport back freely.
 */
import type { Logger } from '../components.js';
import type { TransportHandlers } from '../transport.js';

type Handlers = Required<TransportHandlers>;
type TransportEvent = { [K in keyof Handlers]: { readonly type: K; readonly args: Parameters<Handlers[K]> } }[keyof Handlers];

export class EventQueue {
  readonly #handlers: TransportHandlers;
  readonly #logger: Logger;
  #events: TransportEvent[] = [];
  #scheduled = false;

  constructor(handlers: TransportHandlers, logger: Logger) {
    this.#handlers = handlers;
    this.#logger = logger;
  }

  /** Queues one handler call; every queued call runs in order within the current turn of the event loop. */
  push(event: TransportEvent): void {
    this.#events.push(event);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#deliver());
  }

  #deliver(): void {
    this.#scheduled = false;
    const events = this.#events;
    this.#events = [];
    for (const { type, args } of events) {
      const handler = this.#handlers[type];
      if (handler === undefined) continue;
      try {
        Reflect.apply(handler, this.#handlers, args);
      } catch (error) {
        this.#logger.warn({ event: type, err: error }, 'transport handler threw');
      }
    }
  }
}
