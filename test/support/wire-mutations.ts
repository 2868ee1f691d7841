/**
 * Hostile frames for the wire fuzzer (wire-fuzzer.ts), from a seeded generator:
 *
 *   wellFormed()   an envelope of a random message type whose every field is drawn at random
 *                  within the wire's limits: it decodes, and means nothing good (unsolicited
 *                  replies, replies to the target's own requests with garbage, random keys,
 *                  HTL at the edges, node references to nowhere)
 *   corrupt(frame) the payload of a frame mutated at the byte level: bits flipped, bytes set,
 *                  cut, inserted or duplicated, an unknown or repeated field appended, a length
 *                  varint made huge; a receiver must refuse it, and may drop the link
 */
import type { SeededRng } from '../../sim/rng.js';
import { encodeEnvelope } from '../../protocol/wire/envelope.js';
import {
  MAX_ADDRESS_LENGTH,
  MAX_ADDRESSES,
  MAX_BLOCK_BYTES,
  MAX_HTL,
  NODE_PUBLIC_KEY_BYTES,
  POW_NONCE_BYTES,
  ROUTING_KEY_BYTES,
} from '../../protocol/wire/limits.js';
import type { Envelope, KeyType, NodeRef, WireMessage, WireMessageType } from '../../protocol/wire/messages.js';

/** Every message type, Hello first; a Hello after the handshake is itself a protocol violation. */
export const MESSAGE_TYPES: readonly WireMessageType[] = [
  'hello',
  'dataRequest',
  'requestAccepted',
  'dataFound',
  'dataNotFound',
  'routeNotFound',
  'rejectedLoop',
  'rejectedOverload',
  'insertRequest',
  'insertAccepted',
  'insertData',
  'insertReply',
  'announce',
  'peerOffer',
  'ping',
  'pong',
];

/** Share of generated frames that are a second Hello. */
const HELLO_SHARE = 0.01;

const ADDRESS_SHAPES = ['/ip4/127.0.0.1/tcp/', '/ip4/10.0.0.1/tcp/', '/ip6/::1/tcp/', '/dns4/example.org/tcp/', '/ip4/255.255.255.255/tcp/', '/'];

export class FrameMutator {
  /** Transaction ids the target sent (its requests and inserts): answering them reaches its open routes. */
  readonly #targetTxs: bigint[] = [];

  constructor(private readonly rng: SeededRng) {}

  /** Remembers a tx the target used, so later frames can answer it (bounded). */
  sawTargetTx(tx: bigint): void {
    if (this.#targetTxs.length >= 256) this.#targetTxs.splice(0, 128);
    this.#targetTxs.push(tx);
  }

  /** A hostile envelope of `type`; by default a random type, Hello rarely (each one costs the sender its link). */
  wellFormed(type: WireMessageType = this.#randomType()): { type: WireMessageType; payload: Uint8Array } {
    const answerTarget = this.#targetTxs.length > 0 && this.rng.next() < 0.5;
    const tx = answerTarget ? this.rng.pick(this.#targetTxs) : this.rng.next() < 0.1 ? BigInt(this.rng.int(4)) : this.rng.nextU64();
    const envelope: Envelope = { tx, body: this.#body(type) };
    return { type, payload: encodeEnvelope(envelope) };
  }

  corrupt(payload: Uint8Array): Uint8Array {
    const bytes = [...payload];
    const at = () => this.rng.int(bytes.length);
    const mutations = 1 + this.rng.int(3);
    for (let m = 0; m < mutations && bytes.length > 0; m++) {
      switch (this.rng.int(8)) {
        case 0:
          bytes[at()]! ^= 1 << this.rng.int(8);
          break;
        case 1:
          bytes[at()] = this.rng.pick([0x00, 0xff, 0x80, 0x7f, this.rng.int(256)]);
          break;
        case 2:
          bytes.length = Math.max(1, at());
          break;
        case 3:
          bytes.splice(at(), 0, ...this.#randomBytes(1 + this.rng.int(16)));
          break;
        case 4: {
          const start = at();
          bytes.splice(start, 0, ...bytes.slice(start, start + 1 + this.rng.int(32)));
          break;
        }
        case 5:
          // An unknown field number or wire type, or a known one repeated.
          bytes.push((this.rng.int(40) << 3) | this.rng.int(8), ...this.#randomBytes(this.rng.int(8)));
          break;
        case 6:
          // A length or varint that claims far more than follows.
          bytes.splice(at(), 0, 0xff, 0xff, 0xff, 0xff, 0x0f);
          break;
        default:
          bytes.splice(at(), 1 + this.rng.int(8));
      }
    }
    return Uint8Array.from(bytes.length > 0 ? bytes : [0]);
  }

  #randomType(): WireMessageType {
    return this.rng.next() < HELLO_SHARE ? 'hello' : MESSAGE_TYPES[1 + this.rng.int(MESSAGE_TYPES.length - 1)]!;
  }

  #body(type: WireMessageType): WireMessage {
    switch (type) {
      case 'hello':
      case 'peerOffer':
        return { type, node: this.#nodeRef() };
      case 'announce':
        return { type, node: this.#nodeRef(), htl: this.#htl() };
      case 'dataRequest':
      case 'insertRequest':
        return { type, keyType: this.#keyType(), routingKey: this.#randomBytes(ROUTING_KEY_BYTES), htl: this.#htl() };
      case 'dataFound':
      case 'insertData':
        return { type, block: this.#block() };
      case 'routeNotFound':
        return { type, htl: this.#htl(0) };
      case 'rejectedOverload':
        return { type, local: this.rng.next() < 0.5 };
      case 'insertReply': {
        const outcome = this.rng.pick(['stored', 'invalidBlock', 'collision'] as const);
        return outcome === 'collision' ? { type, outcome, existingBlock: this.#block() } : { type, outcome };
      }
      default:
        return { type } as WireMessage;
    }
  }

  #nodeRef(): NodeRef {
    const addresses = Array.from({ length: this.rng.int(MAX_ADDRESSES + 1) }, () => this.#address());
    return { publicKey: this.#randomBytes(NODE_PUBLIC_KEY_BYTES), powNonce: this.#randomBytes(POW_NONCE_BYTES), addresses };
  }

  #address(): string {
    if (this.rng.next() < 0.2) {
      // Printable ASCII after the leading '/', as the wire requires; what it says is arbitrary.
      const length = this.rng.int(MAX_ADDRESS_LENGTH);
      return `/${String.fromCharCode(...Array.from({ length }, () => 33 + this.rng.int(94)))}`;
    }
    return `${this.rng.pick(ADDRESS_SHAPES)}${this.rng.int(70_000)}`;
  }

  /** An HTL in min..MAX_HTL (requests start at 1, RouteNotFound at 0), often at the edges. */
  #htl(min = 1): number {
    return this.rng.next() < 0.5 ? this.rng.pick([min, min + 1, MAX_HTL - 1, MAX_HTL]) : min + this.rng.int(MAX_HTL + 1 - min);
  }

  #keyType(): KeyType {
    return this.rng.next() < 0.5 ? 'chk' : 'ssk';
  }

  #block(): Uint8Array {
    const length = this.rng.next() < 0.05 ? MAX_BLOCK_BYTES : 1 + this.rng.int(256);
    return this.#randomBytes(length);
  }

  #randomBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.rng.int(256);
    return bytes;
  }
}
