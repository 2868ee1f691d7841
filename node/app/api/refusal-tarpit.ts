/**
 * Refusals that cost the caller, not the node (spec/node.md §3): a call the API refuses at
 * admission (no token, an Origin, a foreign Host) is answered only after `delayMs`, so a local
 * flood of such calls over keep-alive connections gets one answer per connection per delay
 * instead of as many as the node's one event loop can write. At most `maxWaiting` refusals wait;
 * beyond that a refused call's connection is closed unanswered. Calls with the token never pass here.
 *
 *   ApiServer.handle ──admit threw──> hold(response, answer) ──delayMs later──> answer()
 *                                                            ──maxWaiting reached──> socket destroyed
 *   ApiServer.stop ──> clear(): waiting answers cancelled (their connections are being closed)
 */
import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '../../components.js';

export interface RefusalTarpitInit {
  /** How long a refused call waits for its answer (default 1 s). */
  readonly delayMs?: number;
  /** Most refused calls waiting at once (default 128). */
  readonly maxWaiting?: number;
}

export class RefusalTarpit {
  private readonly waiting = new Set<TimerHandle>();
  private readonly delayMs: number;
  private readonly maxWaiting: number;

  constructor(
    private readonly components: { readonly clock: Clock },
    init: RefusalTarpitInit = {},
  ) {
    this.delayMs = init.delayMs ?? 1_000;
    this.maxWaiting = init.maxWaiting ?? 128;
  }

  /** Refused calls waiting for their answer now. */
  get size(): number {
    return this.waiting.size;
  }

  /** Runs `answer` for `response` after the delay, unless its connection has gone; with too many waiting, closes the connection now. */
  hold(response: ServerResponse, answer: () => void): void {
    if (this.waiting.size >= this.maxWaiting) {
      response.socket?.destroy();
      return;
    }
    const timer = this.components.clock.setTimer(this.delayMs, () => {
      this.waiting.delete(timer);
      if (!response.destroyed) answer();
    });
    this.waiting.add(timer);
  }

  clear(): void {
    for (const timer of this.waiting) timer.cancel();
    this.waiting.clear();
  }
}
