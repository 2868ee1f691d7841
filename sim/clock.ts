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
    readonly sequence: number,
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

function earlier(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.sequence < b.sequence);
}

/**
 * Timers in firing order. A cancelled timer stays in the heap, marked dead, until it
 * reaches the top or dead entries outnumber live ones and the heap is rebuilt.
 */
class TimerQueue {
  private heap: Timer[] = [];
  private nextSequence = 0;
  live = 0;
  private dead = 0;

  add(at: number, callback: () => void): Timer {
    const timer = new Timer(this, at, this.nextSequence++, callback);
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
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
    let top = this.heap[0];
    while (top !== undefined && top.callback === undefined) {
      this.removeTop();
      this.dead--;
      top = this.heap[0];
    }
    return top;
  }

  /** Removes the timer `peek` returned and hands back its callback. */
  take(): () => void {
    const timer = this.removeTop();
    const callback = timer.callback!;
    timer.callback = undefined;
    this.live--;
    return callback;
  }

  private removeTop(): Timer {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private compact(): void {
    this.heap = this.heap.filter((timer) => timer.callback !== undefined);
    this.dead = 0;
    for (let index = (this.heap.length >> 1) - 1; index >= 0; index--) this.siftDown(index);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const timer = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!earlier(timer, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = timer;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const timer = heap[index]!;
    for (;;) {
      let childIndex = 2 * index + 1;
      if (childIndex >= length) break;
      const right = childIndex + 1;
      if (right < length && earlier(heap[right]!, heap[childIndex]!)) childIndex = right;
      const child = heap[childIndex]!;
      if (!earlier(child, timer)) break;
      heap[index] = child;
      index = childIndex;
    }
    heap[index] = timer;
  }
}

/**
 * Promise work settles between two events this way: the next event is scheduled by a microtask
 * as a `process.nextTick` callback, and Node runs tick callbacks only once the microtask queue
 * is empty, so every continuation queued so far, and every one those queue in turn, runs first.
 * It costs one microtask and one tick per event, allocates no promise, and never lets real I/O
 * callbacks in between two events.
 */
function afterPromiseWork(step: () => void): () => void {
  const tick = (): void => process.nextTick(step);
  return () => queueMicrotask(tick);
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
