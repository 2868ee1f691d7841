/**
 * The slots of accepted connections still in their handshake (spec/wire.md §10.6): at most
 * `maxPending` in all, and at most `maxPerRange` from one address range (an IPv4 /24, an IPv6
 * /48). A newcomer is never refused for want of a slot: when its range holds its share, it takes
 * the slot of a random one among the oldest half of that range's handshakes; when every slot is
 * taken, of a random one among the oldest half of the range holding the most. So a slot held
 * costs its holder (a range that keeps its share full evicts its own handshakes), and no range,
 * nor two, can keep a newcomer from another one out.
 */
import type { Rng } from '../components.js';

export interface HandshakeSlotLimits {
  readonly maxPending: number;
  readonly maxPerRange: number;
}

export interface HandshakeSlot {
  readonly range: string;
  /** Closes the connection that holds the slot: called once, when it is evicted. */
  readonly evict: () => void;
}

export class HandshakeSlots {
  readonly #rng: Rng;
  readonly #limits: HandshakeSlotLimits;
  /** Each range's slots, oldest first. */
  readonly #byRange = new Map<string, HandshakeSlot[]>();
  #size = 0;

  constructor(rng: Rng, limits: HandshakeSlotLimits) {
    this.#rng = rng;
    this.#limits = limits;
  }

  /** Slots taken, in all. */
  get size(): number {
    return this.#size;
  }

  /** Slots taken by `range`. */
  heldBy(range: string): number {
    return this.#byRange.get(range)?.length ?? 0;
  }

  /** Gives a connection from `range` a slot, first evicting one if its range's share or every slot is taken; returns the slot and whom it evicted. */
  take(range: string, evict: () => void): { slot: HandshakeSlot; evicted: HandshakeSlot | undefined } {
    let evicted: HandshakeSlot | undefined;
    if (this.heldBy(range) >= this.#limits.maxPerRange) evicted = this.#evictFrom(range);
    else if (this.#size >= this.#limits.maxPending) evicted = this.evictOne();
    const slot: HandshakeSlot = { range, evict };
    const slots = this.#byRange.get(range);
    if (slots === undefined) this.#byRange.set(range, [slot]);
    else slots.push(slot);
    this.#size++;
    return { slot, evicted };
  }

  /** Gives a slot back; nothing if it was evicted or given back already. */
  release(slot: HandshakeSlot): void {
    const slots = this.#byRange.get(slot.range);
    const index = slots?.indexOf(slot) ?? -1;
    if (index < 0) return;
    slots!.splice(index, 1);
    if (slots!.length === 0) this.#byRange.delete(slot.range);
    this.#size--;
  }

  /** Evicts a random one among the oldest half of the handshakes of the range holding the most (of several, a random one); undefined when none is held. */
  evictOne(): HandshakeSlot | undefined {
    let most = 0;
    let largest: string[] = [];
    for (const [range, slots] of this.#byRange) {
      if (slots.length > most) [most, largest] = [slots.length, [range]];
      else if (slots.length === most) largest.push(range);
    }
    if (largest.length === 0) return undefined;
    return this.#evictFrom(largest[Math.floor(this.#rng.next() * largest.length)]!);
  }

  #evictFrom(range: string): HandshakeSlot {
    const slots = this.#byRange.get(range)!;
    const victim = slots[Math.floor(this.#rng.next() * Math.ceil(slots.length / 2))]!;
    this.release(victim);
    victim.evict();
    return victim;
  }
}
