/**
 * Every error `sim/` throws where a caller must tell failures apart. Each class
 * has a stable `name` and `code`; bad arguments are `RangeError`s. The memory
 * transport shares the errors every transport has with the TCP one (node/net/errors.ts).
 */
import { WarrenError } from '../protocol/errors.js';

/** `runUntilIdle` fired its whole event budget and timers were still pending: something reschedules forever. */
export class ClockRunawayError extends WarrenError {
  readonly code = 'ERR_CLOCK_RUNAWAY';
  constructor(
    readonly eventsFired: number,
    readonly pendingTimers: number,
    options?: ErrorOptions,
  ) {
    super(
      `the virtual clock fired ${eventsFired} events and ${pendingTimers} timers are still pending: ` +
        'a timer keeps rescheduling itself (run with `until` for periodic work, or raise `maxEvents`)',
      options,
    );
  }
}

/** `run` was called while the clock was already running (from a timer callback, or twice without awaiting). */
export class ClockBusyError extends WarrenError {
  readonly code = 'ERR_CLOCK_BUSY';
  constructor(options?: ErrorOptions) {
    super('the virtual clock is already running', options);
  }
}

/** Nothing listens at the dialled memory address: unknown, not started, stopped or crashed. */
export class PeerUnreachableError extends WarrenError {
  readonly code = 'ERR_PEER_UNREACHABLE';
  constructor(
    readonly address: string,
    options?: ErrorOptions,
  ) {
    super(`no node is listening at ${address}`, options);
  }
}

/** A workload's operations were still pending when the clock had nothing left to fire: they can never end. */
export class WorkloadStalledError extends WarrenError {
  readonly code = 'ERR_WORKLOAD_STALLED';
  constructor(
    readonly phase: string,
    readonly pending: number,
    options?: ErrorOptions,
  ) {
    super(`the workload stalled while ${phase}: ${pending} operations pending and no timer left to fire`, options);
  }
}
