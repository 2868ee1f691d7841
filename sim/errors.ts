/**
 * Every error `sim/` throws where a caller must tell failures apart. Each class
 * has a stable `name` and `code`; bad arguments are `RangeError`s.
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

/** A transport was asked to dial its own address. */
export class DialSelfError extends WarrenError {
  readonly code = 'ERR_DIAL_SELF';
  constructor(readonly address: string, options?: ErrorOptions) {
    super(`cannot dial our own address ${address}`, options);
  }
}

/** Nothing is listening at the dialled address: unknown, not started, stopped or crashed. */
export class PeerUnreachableError extends WarrenError {
  readonly code = 'ERR_PEER_UNREACHABLE';
  constructor(readonly address: string, options?: ErrorOptions) {
    super(`no node is listening at ${address}`, options);
  }
}

/** A transport used in the wrong state: dialled or linked before `start` or after `stop`, or started twice. */
export class TransportStateError extends WarrenError {
  readonly code = 'ERR_TRANSPORT_STATE';
}

for (const ctor of [ClockRunawayError, ClockBusyError, DialSelfError, PeerUnreachableError, TransportStateError]) {
  Object.defineProperty(ctor.prototype, 'name', { value: ctor.name, enumerable: false, configurable: true });
}
