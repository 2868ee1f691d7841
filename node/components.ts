/**
 * The collaborators a node is built from (ARCHITECTURE §1): time and randomness
 * come in as components, so the simulator can run thousands of real nodes on a
 * virtual clock with a seeded generator, deterministically.
 *
 *   Clock   now + timers            SystemClock here; sim/ has VirtualClock
 *   Rng     uniform numbers, tx ids  CryptoRng here;  sim/ has SeededRng
 *   Logger  structured diagnostics   silentLogger here; the CLI passes pino (one child per component)
 */
import { randomBytes } from '../protocol/crypto.js';

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds on a monotonic scale (not wall time). */
  now(): number;
  /** Runs `callback` after `delayMs` unless cancelled first. */
  setTimer(delayMs: number, callback: () => void): TimerHandle;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 64-bit unsigned integer: transaction ids. */
  nextU64(): bigint;
}

export type LogLevel = 'debug' | 'info' | 'warn';

/**
 * Structured diagnostics, in pino's shape (the CLI passes a pino logger as it is). Each part of a
 * node logs through its own `child({ component })`; a line about a request, insert or peer carries
 * `tx`, `key` and `peer` (log-fields.ts). A line whose fields cost anything to build is written only
 * when `isLevelEnabled` says so, so a silent logger (the simulator's) costs nothing.
 */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  isLevelEnabled(level: LogLevel): boolean;
  /** A logger whose every line also carries `bindings`, e.g. `{ component: 'route' }`. */
  child(bindings: Record<string, unknown>): Logger;
}

/** The real clock: `performance.now()` and Node timers. */
export class SystemClock implements Clock {
  now(): number {
    return performance.now();
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(timer) };
  }
}

/** Randomness from the operating system. */
export class CryptoRng implements Rng {
  next(): number {
    const bytes = randomBytes(7);
    let value = 0;
    for (const byte of bytes) value = value * 256 + byte;
    return value / 2 ** 56;
  }

  nextU64(): bigint {
    return new DataView(randomBytes(8).buffer).getBigUint64(0);
  }
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  isLevelEnabled: () => false,
  child: () => silentLogger,
};
