/**
 * One connection's way to a verified Hello: a deadline on the transport's clock, the caller's
 * AbortSignal and the transport's stop, folded into one signal that TCP, Noise and the Hello wait
 * use alike. Whichever fires first is the reason the attempt fails.
 */
import type { Clock, TimerHandle } from '../components.js';
import { HandshakeError } from './errors.js';

export class Attempt {
  readonly #controller = new AbortController();
  readonly #timer: TimerHandle;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.abort(this.#callerSignal!.reason);

  constructor(clock: Clock, timeoutMs: number, callerSignal?: AbortSignal) {
    this.#timer = clock.setTimer(timeoutMs, () => this.abort(new HandshakeError(`no verified Hello within ${timeoutMs} ms of connecting`)));
    this.#callerSignal = callerSignal;
    callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    this.#controller.abort(reason);
  }

  /** The attempt is over (verified or failed): no timer or listener is left behind. */
  end(): void {
    this.#timer.cancel();
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  /** What a failed step throws: why the attempt was aborted if it was, else `what` failed because of `cause`. */
  failure(cause: unknown, what: string): unknown {
    if (this.signal.aborted) return this.signal.reason;
    return new HandshakeError(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }

  /** `promise`, unless the attempt is aborted first. */
  race<T>(promise: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
