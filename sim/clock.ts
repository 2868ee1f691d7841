/**
 * Virtual time for the simulator: a `Clock` whose milliseconds only move when the
 * simulation runs it, so a run depends on its seed and inputs alone.
 *
 *   TimerQueue    binary min-heap of timers by (time, scheduling order); lazy cancellation
 *   VirtualClock  `Clock` for the nodes; `run` / `advance` / `runUntilIdle` for the simulator
 *
 * Between two events the clock lets pending promise work settle (see `run`), so node
 * code that awaits in-memory operations continues before the next event fires, as it
 * would between two real timers.
 */
import type { Clock, TimerHandle } from '../node/components.js';
import { ClockBusyError, ClockRunawayError } from './errors.js';

/** Events `runUntilIdle` fires at most, by default, before deciding that something reschedules forever. */
export const DEFAULT_IDLE_EVENT_LIMIT = 1_000_000;

/** Dead entries tolerated in the heap before it is rebuilt without them. */
const COMPACTION_MIN_DEAD = 1024;

export interface RunOptions {
  /** Fire timers due at or before this time, then leave the clock at it (default: no limit). */
  until?: number;
  /** Stop after firing this many timers (default: no limit). */
  maxEvents?: number;
}

class Timer implements TimerHandle {
  /** Undefined once fired or cancelled. */
  callback: (() => void) | undefined;

  constructor(
    private readonly queue: TimerQueue,
    readonly at: number,
    callback: () => void,
  ) {
    this.callback = callback;
  }

  cancel(): void {
    if (this.callback === undefined) return;
    this.callback = undefined;
    this.queue.markCancelled();
  }
}

const INITIAL_CAPACITY = 1024;

/**
 * Timers in firing order: a binary min-heap by (time, scheduling order). The keys sit in two typed
 * arrays beside the timers, so that sifting compares contiguous numbers rather than reading a timer
 * object per comparison. A cancelled timer stays in the heap, marked dead, until it reaches the top
 * or dead entries outnumber live ones and the heap is rebuilt.
 */
class TimerQueue {
  private timers: (Timer | undefined)[] = [];
  private times = new Float64Array(INITIAL_CAPACITY);
  private sequences = new Float64Array(INITIAL_CAPACITY);
  private size = 0;
  private nextSequence = 0;
  live = 0;
  private dead = 0;

  add(at: number, callback: () => void): Timer {
    const timer = new Timer(this, at, callback);
    if (this.size === this.times.length) this.grow();
    this.siftUp(this.size++, at, this.nextSequence++, timer);
    this.live++;
    return timer;
  }

  markCancelled(): void {
    this.live--;
    this.dead++;
    if (this.dead >= COMPACTION_MIN_DEAD && this.dead > this.live) this.compact();
  }

  /** The next live timer, without removing it. */
  peek(): Timer | undefined {
    while (this.size > 0) {
      const top = this.timers[0]!;
      if (top.callback !== undefined) return top;
      this.removeTop();
      this.dead--;
    }
    return undefined;
  }

  /** Removes the timer `peek` returned and hands back its callback. */
  take(): () => void {
    const timer = this.timers[0]!;
    this.removeTop();
    const callback = timer.callback!;
    timer.callback = undefined;
    this.live--;
    return callback;
  }

  private removeTop(): void {
    const last = --this.size;
    const timer = this.timers[last]!;
    this.timers[last] = undefined;
    if (last > 0) this.siftDown(0, this.times[last]!, this.sequences[last]!, timer);
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const sequences = new Float64Array(this.sequences.length * 2);
    times.set(this.times);
    sequences.set(this.sequences);
    this.times = times;
    this.sequences = sequences;
  }

  private compact(): void {
    let kept = 0;
    for (let index = 0; index < this.size; index++) {
      const timer = this.timers[index]!;
      if (timer.callback === undefined) continue;
      this.timers[kept] = timer;
      this.times[kept] = this.times[index]!;
      this.sequences[kept] = this.sequences[index]!;
      kept++;
    }
    this.timers.length = kept;
    this.size = kept;
    this.dead = 0;
    for (let index = (kept >> 1) - 1; index >= 0; index--) this.siftDown(index, this.times[index]!, this.sequences[index]!, this.timers[index]!);
  }

  /** Places (at, sequence, timer) at `index` or above it, moving later parents down. */
  private siftUp(index: number, at: number, sequence: number, timer: Timer): void {
    const { times, sequences, timers } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentAt = times[parent]!;
      if (parentAt < at || (parentAt === at && sequences[parent]! < sequence)) break;
      times[index] = parentAt;
      sequences[index] = sequences[parent]!;
      timers[index] = timers[parent]!;
      index = parent;
    }
    times[index] = at;
    sequences[index] = sequence;
    timers[index] = timer;
  }

  /** Places (at, sequence, timer) at `index` or below it, moving earlier children up. */
  private siftDown(index: number, at: number, sequence: number, timer: Timer): void {
    const { times, sequences, timers, size } = this;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      let childAt = times[child]!;
      let childSequence = sequences[child]!;
      const right = child + 1;
      if (right < size) {
        const rightAt = times[right]!;
        const rightSequence = sequences[right]!;
        if (rightAt < childAt || (rightAt === childAt && rightSequence < childSequence)) {
          child = right;
          childAt = rightAt;
          childSequence = rightSequence;
        }
      }
      if (at < childAt || (at === childAt && sequence < childSequence)) break;
      times[index] = childAt;
      sequences[index] = childSequence;
      timers[index] = timers[child]!;
      index = child;
    }
    times[index] = at;
    sequences[index] = sequence;
    timers[index] = timer;
  }
}

const SETTLED = Promise.resolve();

/**
 * Queues `callback` as a microtask, in the same queue and order as `queueMicrotask`, as a reaction to
 * a settled promise: Node's `queueMicrotask` wraps each callback in an `AsyncResource`, about twice
 * the cost, and the simulator queues one or more per event.
 */
export function enqueueMicrotask(callback: () => void): void {
  SETTLED.then(callback);
}

/**
 * Promise work settles between two events this way: the next event is scheduled by a microtask
 * as a `process.nextTick` callback, and Node runs tick callbacks only once the microtask queue
 * is empty, so every continuation queued so far, and every one those queue in turn, runs first.
 * It costs one microtask and one tick per event, and never lets real I/O callbacks in between two
 * events.
 */
function afterPromiseWork(step: () => void): () => void {
  const tick = (): void => process.nextTick(step);
  return () => enqueueMicrotask(tick);
}

/**
 * A `Clock` on virtual milliseconds, starting at 0. Timers due at the same time fire in
 * the order they were scheduled.
 *
 * Work a callback continues through promises on in-memory values is finished before the
 * next timer fires. Work that waits for the real event loop (I/O, `setImmediate`,
 * worker threads) is not waited for and would make a run depend on the machine: node
 * code run on this clock must not depend on it.
 */
export class VirtualClock implements Clock {
  private readonly timers = new TimerQueue();
  private currentTime = 0;
  private running = false;

  now(): number {
    return this.currentTime;
  }

  /** Schedules `callback` at now + `delayMs`; a negative delay counts as 0. */
  setTimer(delayMs: number, callback: () => void): TimerHandle {
    if (!Number.isFinite(delayMs)) throw new RangeError(`timer delay must be a finite number of milliseconds, got ${delayMs}`);
    return this.timers.add(this.currentTime + Math.max(0, delayMs), callback);
  }

  /** Timers scheduled and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.timers.live;
  }

  /**
   * Fires due timers in order, moving `now` to each one's time and letting promise work
   * settle after each (and once before the first). Stops when no timer is due by `until`,
   * then moves `now` to `until` (never back), or after `maxEvents` timers. Resolves with
   * the number of timers fired; a callback's exception rejects it.
   */
  async run({ until = Infinity, maxEvents = Infinity }: RunOptions = {}): Promise<number> {
    if (Number.isNaN(until)) throw new RangeError('`until` must be a time in milliseconds');
    if (!(maxEvents >= 0)) throw new RangeError(`\`maxEvents\` must be a count, got ${maxEvents}`);
    if (this.running) throw new ClockBusyError();
    this.running = true;
    try {
      return await this.fire(until, maxEvents);
    } finally {
      this.running = false;
    }
  }

  /** The loop of `run`: one event per step, promise work settled before each (and before the first). */
  private fire(until: number, maxEvents: number): Promise<number> {
    return new Promise((resolve, reject) => {
      let fired = 0;
      const step = (): void => {
        try {
          const timer = fired < maxEvents ? this.timers.peek() : undefined;
          if (timer === undefined || timer.at > until) {
            if (fired < maxEvents && until !== Infinity && until > this.currentTime) this.currentTime = until;
            resolve(fired);
            return;
          }
          this.currentTime = timer.at;
          const callback = this.timers.take();
          fired++;
          callback();
          next();
        } catch (error) {
          reject(error);
        }
      };
      const next = afterPromiseWork(step);
      next();
    });
  }

  /** Runs everything due in the next `ms` milliseconds and ends `ms` later. */
  async advance(ms: number): Promise<number> {
    if (!(ms >= 0 && ms !== Infinity)) throw new RangeError(`can only advance by a finite, non-negative time, got ${ms}`);
    return this.run({ until: this.currentTime + ms });
  }

  /**
   * Runs until no timer is pending. Throws `ClockRunawayError` if `maxEvents`
   * (default DEFAULT_IDLE_EVENT_LIMIT) timers fired and some are still pending.
   */
  async runUntilIdle({ maxEvents = DEFAULT_IDLE_EVENT_LIMIT }: { maxEvents?: number } = {}): Promise<number> {
    const fired = await this.run({ maxEvents });
    if (this.pendingTimers > 0) throw new ClockRunawayError(fired, this.pendingTimers);
    return fired;
  }
}
