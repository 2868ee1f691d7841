/**
 * Waiting on the wall clock in tests: a hang guard, never a timing assertion. The deadline is
 * generous, since a busy shared machine can hold a process back for seconds; a test asserts
 * that something happened, not how soon.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Default deadline of a wait: long enough for any loaded machine, short of the slowest suites' timeouts. */
export const HANG_GUARD_MS = 60_000;
/** Deadline for node processes to be up: a dozen starting together on a loaded machine each compile their sources (tsx). */
export const PROCESS_START_MS = 240_000;

export interface WaitOptions {
  /** Deadline (default `HANG_GUARD_MS`). */
  readonly timeoutMs?: number | undefined;
  /** Time between probes (default 5 ms). */
  readonly pollMs?: number;
}

/**
 * Probes until `probe` gives a value; a probe that throws counts as none (a node not yet
 * listening, a file not yet written). Rejects after the deadline, with the last error if any.
 */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = HANG_GUARD_MS, pollMs = 5 } = options;
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    let value: T | undefined;
    try {
      value = await probe();
    } catch (error) {
      lastError = error;
    }
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    await sleep(pollMs);
  }
}

/** Waits until `condition` holds. */
export async function until(condition: () => boolean, what: string, options?: WaitOptions): Promise<void> {
  await eventually(what, () => (condition() ? true : undefined), options);
}
