/**
 * fast-check arbitraries and fixed samples of valid wire messages, shared by the wire tests.
 * `SAMPLE_MESSAGES` holds one message of every type (the Record forces a new type to be added).
 */
import fc from 'fast-check';
import { concatBytes } from '../../../protocol/bytes.js';
import {
  MAX_ADDRESS_LENGTH,
  MAX_ADDRESSES,
  MAX_BLOCK_BYTES,
  MAX_HTL,
  MAX_SWAP_NEIGHBOURS,
  MAX_SWAP_WALK_HOPS,
  NODE_PUBLIC_KEY_BYTES,
  POW_NONCE_BYTES,
  ROUTING_KEY_BYTES,
  SWAP_COMMITMENT_BYTES,
  SWAP_NONCE_BYTES,
} from '../../../protocol/wire/limits.js';
import type { Envelope, KeyType, NodeRef, WireMessage, WireMessageType } from '../../../protocol/wire/messages.js';

/** fc.record building ordinary objects, so they deep-equal decoded messages. */
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>;
}

const bytesOf = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

/** Blocks are mostly small to keep runs fast, sometimes at the exact limits. */
export const blockArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constantFrom(1, MAX_BLOCK_BYTES).chain((length) => bytesOf(length)) },
);

const addressArbitrary = fc
  .string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 })
  .map((rest) => `/${rest}`);

export const nodeRefArbitrary: fc.Arbitrary<NodeRef> = record({
  publicKey: bytesOf(NODE_PUBLIC_KEY_BYTES),
  powNonce: bytesOf(POW_NONCE_BYTES),
  addresses: fc.array(addressArbitrary, { maxLength: MAX_ADDRESSES }),
});

const keyTypeArbitrary = fc.constantFrom<KeyType>('chk', 'ssk');
const htlArbitrary = fc.integer({ min: 1, max: MAX_HTL });
/** A ring location: fc.double with min 0 excludes −0. */
const locationArbitrary = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const messageArbitraries: { [T in WireMessageType]: fc.Arbitrary<Extract<WireMessage, { type: T }>> } = {
  hello: record({ type: fc.constant('hello'), node: nodeRefArbitrary }),
  dataRequest: record({
    type: fc.constant('dataRequest'),
    keyType: keyTypeArbitrary,
    routingKey: bytesOf(ROUTING_KEY_BYTES),
    htl: htlArbitrary,
  }),
  dataFound: record({ type: fc.constant('dataFound'), block: blockArbitrary }),
  dataNotFound: fc.constant({ type: 'dataNotFound' }),
  routeNotFound: record({ type: fc.constant('routeNotFound'), htl: fc.integer({ min: 0, max: MAX_HTL }) }),
  rejectedLoop: fc.constant({ type: 'rejectedLoop' }),
  rejectedOverload: record({ type: fc.constant('rejectedOverload'), local: fc.boolean() }),
  insertRequest: record({
    type: fc.constant('insertRequest'),
    keyType: keyTypeArbitrary,
    routingKey: bytesOf(ROUTING_KEY_BYTES),
    htl: htlArbitrary,
  }),
  requestAccepted: fc.constant({ type: 'requestAccepted' }),
  insertAccepted: fc.constant({ type: 'insertAccepted' }),
  insertData: record({ type: fc.constant('insertData'), block: blockArbitrary }),
  insertReply: fc.oneof(
    record({ type: fc.constant('insertReply'), outcome: fc.constantFrom('stored', 'invalidBlock') }),
    record({ type: fc.constant('insertReply'), outcome: fc.constant('collision'), existingBlock: blockArbitrary }),
  ),
  announce: record({ type: fc.constant('announce'), node: nodeRefArbitrary, htl: htlArbitrary }),
  peerOffer: record({ type: fc.constant('peerOffer'), node: nodeRefArbitrary }),
  ping: fc.constant({ type: 'ping' }),
  pong: fc.constant({ type: 'pong' }),
  swapRequest: record({
    type: fc.constant('swapRequest'),
    commitment: bytesOf(SWAP_COMMITMENT_BYTES),
    hops: fc.integer({ min: 1, max: MAX_SWAP_WALK_HOPS }),
  }),
  swapCommit: record({ type: fc.constant('swapCommit'), commitment: bytesOf(SWAP_COMMITMENT_BYTES) }),
  swapReveal: record({
    type: fc.constant('swapReveal'),
    nonce: bytesOf(SWAP_NONCE_BYTES),
    location: locationArbitrary,
    neighbourLocations: fc.array(locationArbitrary, { maxLength: MAX_SWAP_NEIGHBOURS }),
  }),
  swapRejected: fc.constantFrom({ type: 'swapRejected' } as const, { type: 'swapRejected', notSwapping: true } as const),
  locationUpdate: record({ type: fc.constant('locationUpdate'), location: locationArbitrary }),
};

export const wireMessageArbitrary: fc.Arbitrary<WireMessage> = fc.oneof(...Object.values(messageArbitraries));

export const envelopeArbitrary: fc.Arbitrary<Envelope> = record({
  tx: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  body: wireMessageArbitrary,
});

const pattern = (length: number, start: number) => Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);

export const SAMPLE_NODE: NodeRef = {
  publicKey: pattern(NODE_PUBLIC_KEY_BYTES, 0x10),
  powNonce: pattern(POW_NONCE_BYTES, 0xa0),
  addresses: ['/ip4/192.0.2.7/tcp/9301', `/dns4/${'a'.repeat(MAX_ADDRESS_LENGTH - 12)}/tcp/1`],
};

export const SAMPLE_MESSAGES: { readonly [T in WireMessageType]: Extract<WireMessage, { type: T }> } = {
  hello: { type: 'hello', node: SAMPLE_NODE },
  dataRequest: { type: 'dataRequest', keyType: 'chk', routingKey: pattern(ROUTING_KEY_BYTES, 0x40), htl: MAX_HTL },
  dataFound: { type: 'dataFound', block: pattern(MAX_BLOCK_BYTES, 3) },
  dataNotFound: { type: 'dataNotFound' },
  routeNotFound: { type: 'routeNotFound', htl: 0 },
  rejectedLoop: { type: 'rejectedLoop' },
  rejectedOverload: { type: 'rejectedOverload', local: true },
  insertRequest: {
    type: 'insertRequest',
    keyType: 'ssk',
    routingKey: pattern(ROUTING_KEY_BYTES, 0x60),
    htl: 1,
  },
  requestAccepted: { type: 'requestAccepted' },
  insertAccepted: { type: 'insertAccepted' },
  insertData: { type: 'insertData', block: pattern(MAX_BLOCK_BYTES, 9) },
  insertReply: { type: 'insertReply', outcome: 'collision', existingBlock: pattern(1, 0xee) },
  announce: { type: 'announce', node: { ...SAMPLE_NODE, addresses: [] }, htl: 7 },
  peerOffer: { type: 'peerOffer', node: SAMPLE_NODE },
  ping: { type: 'ping' },
  pong: { type: 'pong' },
  swapRequest: { type: 'swapRequest', commitment: pattern(SWAP_COMMITMENT_BYTES, 0x80), hops: MAX_SWAP_WALK_HOPS },
  swapCommit: { type: 'swapCommit', commitment: pattern(SWAP_COMMITMENT_BYTES, 0xc0) },
  swapReveal: {
    type: 'swapReveal',
    nonce: pattern(SWAP_NONCE_BYTES, 0x20),
    location: 0.25,
    neighbourLocations: [0, 0.5, 1 - 2 ** -53, ...Array.from({ length: MAX_SWAP_NEIGHBOURS - 3 }, (_, i) => (i + 1) / 256)],
  },
  swapRejected: { type: 'swapRejected' },
  locationUpdate: { type: 'locationUpdate', location: 0.125 },
};

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  record({ kind: fc.constant('flip'), at: fc.nat(), bit: fc.nat(7) }),
  record({ kind: fc.constant('truncate'), at: fc.nat() }),
  record({ kind: fc.constant('insert'), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  record({ kind: fc.constant('delete'), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
);

function applyMutation(bytes: Uint8Array, mutation: Mutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : mutation.at % (bytes.length + (mutation.kind === 'insert' ? 1 : 0));
  switch (mutation.kind) {
    case 'flip': {
      const out = bytes.slice();
      if (out.length > 0) out[at] = out[at]! ^ (1 << mutation.bit);
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at);
    case 'insert':
      return concatBytes(bytes.subarray(0, at), mutation.bytes, bytes.subarray(at));
    case 'delete':
      return concatBytes(bytes.subarray(0, at), bytes.subarray(at + mutation.count));
  }
}

/** `valid` bytes damaged by 1..4 bit flips, truncations, insertions or deletions. */
export function mutatedArbitrary(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(valid, fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 })).map(([bytes, mutations]) => mutations.reduce(applyMutation, bytes));
}
