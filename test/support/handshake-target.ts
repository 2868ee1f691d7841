/**
 * The node that bad handshakes are aimed at (tcp-bad-handshakes.test.ts, bench/handshake-cost.ts),
 * in a process of its own (handshake-target-child.ts, forked with tsx) so that its CPU time is its
 * own and an attack does not slow the process that drives it. Driven over IPC, one request at a
 * time, answered in order.
 *
 *   parent ──{type: 'start', blocks, handshakeTimeoutMs}──> child ──{type: 'started', address, keys}
 *          ──{type: 'cpu'}─────────────────────────────────>       ──{type: 'cpu', micros}   user + system
 *          ──{type: 'watch'}───────────────────────────────>       ──{type: 'watching'}      samples handshakes in progress
 *          ──{type: 'state'}───────────────────────────────>       ──{type: 'state', …}      peers, refusals logged, handshakes in progress
 *          ──{type: 'stop'}────────────────────────────────>       exits
 */
import { type ChildProcess, fork } from 'node:child_process';
import { stopChild, tracked } from './children.js';

export type TargetRequest =
  | { readonly type: 'start'; readonly difficulty: number; readonly blocks: number; readonly handshakeTimeoutMs: number }
  | { readonly type: 'cpu' }
  | { readonly type: 'watch' }
  | { readonly type: 'state' }
  | { readonly type: 'stop' };

export interface TargetState {
  readonly type: 'state';
  readonly peers: number;
  /** Why each connection that never became a link was refused or closed, as logged. */
  readonly refusedLinks: string[];
  /** The `code` of each accepted connection closed for want of a slot: refused at accept, or evicted from its handshake slot for a newer one. */
  readonly refusedAccepts: string[];
  /** Connections closed as soon as accepted, their range's accept budget spent (not logged: TcpTransport.refusedAccepts). */
  readonly closedAtAccept: number;
  /** The most handshakes in progress at once, sampled every few milliseconds since `watch`. */
  readonly mostPendingHandshakes: number;
}

export type TargetReply =
  | { readonly type: 'started'; readonly address: string; readonly keys: string[] }
  | { readonly type: 'cpu'; readonly micros: number }
  | { readonly type: 'watching' }
  | TargetState;

export class HandshakeTarget {
  readonly #child: ChildProcess;
  #waiting: Array<(message: TargetReply) => void> = [];

  constructor() {
    this.#child = tracked(
      fork(new URL('./handshake-target-child.ts', import.meta.url), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    this.#child.on('message', (message: TargetReply) => this.#waiting.shift()?.(message));
  }

  ask<T extends TargetReply['type']>(message: TargetRequest, answer: T): Promise<Extract<TargetReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.push((reply) =>
        reply.type === answer ? resolve(reply as Extract<TargetReply, { type: T }>) : reject(new Error(`expected ${answer}, got ${reply.type}`)),
      );
      this.#child.send(message);
    });
  }

  /** Starts the node: its address, and the routing keys (hex) of the `blocks` fresh blocks it stores. */
  start(difficulty: number, blocks: number, handshakeTimeoutMs: number): Promise<{ address: string; keys: string[] }> {
    return this.ask({ type: 'start', difficulty, blocks, handshakeTimeoutMs }, 'started');
  }

  async cpuMicros(): Promise<number> {
    return (await this.ask({ type: 'cpu' }, 'cpu')).micros;
  }

  async watch(): Promise<void> {
    await this.ask({ type: 'watch' }, 'watching');
  }

  state(): Promise<TargetState> {
    return this.ask({ type: 'state' }, 'state');
  }

  /** Asks the node to stop and waits for the process to exit (killed if it does not). */
  async stop(): Promise<void> {
    if (this.#child.connected) this.#child.send({ type: 'stop' } satisfies TargetRequest);
    await stopChild(this.#child, 'SIGTERM');
  }
}
