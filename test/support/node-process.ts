/**
 * A node in its own process (test/support/node-process-child.ts, forked with tsx), driven over
 * IPC: one request at a time, answered in order. `exited` settles when the process ends, so a
 * caller can tell a crash from a slow answer.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { ChildMessage, ParentMessage } from './node-process-child.js';

export class NodeProcess {
  readonly #child: ChildProcess;
  #waiting: Array<(message: ChildMessage) => void> = [];
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  readonly exited: Promise<number | null>;

  constructor() {
    this.#child = fork(new URL('./node-process-child.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: ChildMessage) => this.#waiting.shift()?.(message));
    this.exited = once(this.#child, 'exit').then(([code]) => code as number | null);
  }

  ask<T extends ChildMessage['type']>(message: ParentMessage, answer: T): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.push((reply) =>
        reply.type === answer ? resolve(reply as Extract<ChildMessage, { type: T }>) : reject(new Error(`expected ${answer}, got ${reply.type}`)),
      );
      this.#child.send(message);
    });
  }

  async rssBytes(): Promise<number> {
    return (await this.ask({ type: 'rss' }, 'rss')).rss;
  }

  async cpuMicros(): Promise<number> {
    return (await this.ask({ type: 'cpu' }, 'cpu')).micros;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.send({ type: 'stop' } satisfies ParentMessage);
    await this.exited;
  }
}
