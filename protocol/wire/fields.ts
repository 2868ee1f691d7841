/**
 * Validity rules for the fields the wire messages share (spec/wire.md §5), and the two enum
 * mappings between our string names and the numbers in warren.proto. Each check throws a
 * RangeError naming the field; protocol/wire/bodies.ts applies them, envelope.ts turns them
 * into WireDecodeError on the decoding side.
 */
import { warren } from './generated/warren.js';
import {
  MAX_ADDRESS_LENGTH,
  MAX_ADDRESSES,
  MAX_BLOCK_BYTES,
  MAX_HTL,
  MAX_SWAP_NEIGHBOURS,
  NODE_PUBLIC_KEY_BYTES,
  POW_NONCE_BYTES,
  ROUTING_KEY_BYTES,
} from './limits.js';
import type { InsertOutcome, KeyType, NodeRef } from './messages.js';

const pb = warren.wire.v1;

/** A bidirectional mapping between names and the non-zero values of a proto enum. */
export class EnumMapping<Name extends string, Value extends number> {
  readonly #values: ReadonlyMap<Name, Value>;
  readonly #names: ReadonlyMap<number, Name>;

  constructor(
    readonly field: string,
    table: { readonly [N in Name]: Value },
  ) {
    const entries = Object.entries(table) as [Name, Value][];
    this.#values = new Map(entries);
    this.#names = new Map(entries.map(([name, value]) => [value, name]));
  }

  check(name: Name): void {
    if (!this.#values.has(name)) throw new RangeError(`${this.field} must be one of ${[...this.#values.keys()].join(', ')}`);
  }

  toWire(name: Name): Value {
    this.check(name);
    return this.#values.get(name)!;
  }

  fromWire(value: number): Name {
    const name = this.#names.get(value);
    if (name === undefined) throw new RangeError(`${this.field} ${value} is not a known value`);
    return name;
  }
}

export const KEY_TYPES = new EnumMapping<KeyType, warren.wire.v1.KeyType>('keyType', {
  chk: pb.KeyType.KEY_TYPE_CHK,
  ssk: pb.KeyType.KEY_TYPE_SSK,
});

export const INSERT_OUTCOMES = new EnumMapping<InsertOutcome, warren.wire.v1.InsertOutcome>('outcome', {
  stored: pb.InsertOutcome.INSERT_OUTCOME_STORED,
  collision: pb.InsertOutcome.INSERT_OUTCOME_COLLISION,
  invalidBlock: pb.InsertOutcome.INSERT_OUTCOME_INVALID_BLOCK,
});

export function checkIntegerRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${field} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
}

export function checkBytes(field: string, value: Uint8Array, min: number, max: number): void {
  if (!(value instanceof Uint8Array)) throw new RangeError(`${field} must be a Uint8Array`);
  if (value.length < min || value.length > max) {
    const expected = min === max ? `${min}` : `${min}..${max}`;
    throw new RangeError(`${field} must be ${expected} bytes, got ${value.length}`);
  }
}

/** Hops to live of a request, insert or announcement: 1..MAX_HTL. */
export function checkHtl(field: string, htl: number): void {
  checkIntegerRange(field, htl, 1, MAX_HTL);
}

export function checkRoutingKey(field: string, routingKey: Uint8Array): void {
  checkBytes(field, routingKey, ROUTING_KEY_BYTES, ROUTING_KEY_BYTES);
}

/** A block on the wire is never empty and never above MAX_BLOCK_BYTES. */
export function checkBlock(field: string, block: Uint8Array): void {
  checkBytes(field, block, 1, MAX_BLOCK_BYTES);
}

/** Printable ASCII (0x21..0x7E), starting with "/": the text form of a multiaddr. */
const ADDRESS_PATTERN = /^\/[\x21-\x7e]*$/;

export function checkNodeRef(field: string, node: NodeRef): void {
  if (typeof node !== 'object' || node === null) throw new RangeError(`${field} must be present`);
  checkBytes(`${field}.publicKey`, node.publicKey, NODE_PUBLIC_KEY_BYTES, NODE_PUBLIC_KEY_BYTES);
  checkBytes(`${field}.powNonce`, node.powNonce, POW_NONCE_BYTES, POW_NONCE_BYTES);
  if (!Array.isArray(node.addresses) || node.addresses.length > MAX_ADDRESSES) {
    throw new RangeError(`${field}.addresses must be an array of at most ${MAX_ADDRESSES} addresses`);
  }
  node.addresses.forEach((address, index) => {
    if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH || !ADDRESS_PATTERN.test(address)) {
      throw new RangeError(`${field}.addresses[${index}] must be 1..${MAX_ADDRESS_LENGTH} printable ASCII characters starting with "/"`);
    }
  });
}

/** A ring location: a finite double in [0, 1), never −0 (whose encoding would differ from 0's). */
export function checkLocation(field: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value < 1) || Object.is(value, -0))
    throw new RangeError(`${field} must be a location in [0, 1), got ${String(value)}`);
}

/** The link locations of a swap offer: at most MAX_SWAP_NEIGHBOURS, each a location. */
export function checkLocations(field: string, values: readonly number[]): void {
  if (!Array.isArray(values) || values.length > MAX_SWAP_NEIGHBOURS)
    throw new RangeError(`${field} must be an array of at most ${MAX_SWAP_NEIGHBOURS} locations`);
  values.forEach((value, index) => {
    checkLocation(`${field}[${index}]`, value);
  });
}
