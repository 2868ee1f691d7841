/**
 * Churn: nodes come and go with Weibull-distributed session and down times (Freenet's
 * measured fit has shape about 0.48: most sessions are short, a few last for days), and
 * now and then a node leaves for good and a newcomer takes its place.
 *
 *   weibull(rng, shape, scale)   one draw, by inverting the CDF
 *   Churn(clock, rng, membership) ──timers──> membership.leave / rejoin / replace
 *     each node: online for a session ─> offline for a down time ─> online … ;
 *     at a session's end, if its membership has run out, it is replaced instead
 *
 * Every node is online when churn starts and draws a fresh session then (no residual-life
 * correction: the first sessions are as long as later ones). Down times have the sessions'
 * shape and a scale set so that a node is online `availability` of the time on average.
 */
import type { TimerHandle } from '../node/components.js';
import type { VirtualClock } from './clock.js';
import type { Membership } from './membership.js';
import type { SeededRng } from './rng.js';

/** Shape of Freenet's measured session-time distribution (Weibull fit). */
export const FREENET_SESSION_SHAPE = 0.48;

/**
 * A Weibull(shape, scale) draw: scale · (−ln(1 − u))^(1/shape) for u uniform in [0, 1).
 * Mean: scale · Γ(1 + 1/shape) (≈ 2.17 · scale at shape 0.48).
 */
export function weibull(rng: SeededRng, shape: number, scale: number): number {
  if (!(shape > 0 && shape !== Infinity)) throw new RangeError(`a Weibull shape must be positive, got ${shape}`);
  if (!(scale > 0 && scale !== Infinity)) throw new RangeError(`a Weibull scale must be positive, got ${scale}`);
  return scale * (-Math.log(1 - rng.next())) ** (1 / shape);
}

export interface ChurnInit {
  /** Weibull shape of session and down times (default FREENET_SESSION_SHAPE). */
  readonly shape?: number;
  /** Weibull scale of session times, in virtual ms. */
  readonly sessionScaleMs: number;
  /** Long-run fraction of time a node is online, in (0, 1) (default 0.5). */
  readonly availability?: number;
  /** Mean time a node stays a member before leaving for good (exponential); default: never leaves for good. */
  readonly meanMembershipMs?: number;
  /** Nodes that never leave (a publisher, measuring clients). */
  readonly exempt?: ReadonlySet<number>;
}

export interface ChurnCounts {
  leaves: number;
  rejoins: number;
  replacements: number;
}

export class Churn {
  readonly counts: ChurnCounts = { leaves: 0, rejoins: 0, replacements: 0 };
  private readonly shape: number;
  private readonly downScaleMs: number;
  /** When each node's membership runs out (virtual ms). */
  private readonly membershipEnds: number[];
  private readonly timers = new Map<number, TimerHandle>();
  private stopped = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly rng: SeededRng,
    private readonly membership: Membership,
    private readonly init: ChurnInit,
  ) {
    const { availability = 0.5, shape = FREENET_SESSION_SHAPE } = init;
    if (!(availability > 0 && availability < 1)) throw new RangeError(`availability must be in (0, 1), got ${availability}`);
    this.shape = shape;
    this.downScaleMs = (init.sessionScaleMs * (1 - availability)) / availability;
    if (!(init.sessionScaleMs > 0 && init.sessionScaleMs !== Infinity)) throw new RangeError(`sessionScaleMs must be positive, got ${init.sessionScaleMs}`);
    this.membershipEnds = Array.from({ length: membership.size }, () => this.drawMembershipEnd());
  }

  /** Every node that is not exempt starts a session now. */
  start(): void {
    for (let index = 0; index < this.membership.size; index++) {
      if (!this.init.exempt?.has(index)) this.schedule(index, weibull(this.rng, this.shape, this.init.sessionScaleMs), () => this.endSession(index));
    }
  }

  /** No node leaves or returns after this; those offline stay offline. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private drawMembershipEnd(): number {
    const mean = this.init.meanMembershipMs;
    if (mean === undefined) return Infinity;
    return this.clock.now() - mean * Math.log(1 - this.rng.next());
  }

  private schedule(index: number, delayMs: number, action: () => Promise<void>): void {
    this.timers.set(
      index,
      this.clock.setTimer(delayMs, () => {
        this.timers.delete(index);
        if (this.stopped) return;
        action().catch((error: unknown) => {
          this.clock.setTimer(0, () => {
            throw error;
          });
        });
      }),
    );
  }

  private async endSession(index: number): Promise<void> {
    if (this.clock.now() >= this.membershipEnds[index]!) {
      this.counts.replacements++;
      this.membershipEnds[index] = this.drawMembershipEnd();
      await this.membership.replace(index);
      this.schedule(index, weibull(this.rng, this.shape, this.init.sessionScaleMs), () => this.endSession(index));
      return;
    }
    this.counts.leaves++;
    await this.membership.leave(index);
    this.schedule(index, weibull(this.rng, this.shape, this.downScaleMs), () => this.startSession(index));
  }

  private async startSession(index: number): Promise<void> {
    this.counts.rejoins++;
    await this.membership.rejoin(index);
    this.schedule(index, weibull(this.rng, this.shape, this.init.sessionScaleMs), () => this.endSession(index));
  }
}
