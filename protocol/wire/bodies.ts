/**
 * One codec per message type, behind one table keyed by the message `type` (which is also the
 * name of the Envelope oneof field that carries it):
 *
 *   validate  typed message → throws RangeError on the first broken rule (protocol/wire/fields.ts)
 *   toWire    typed message → protobufjs body (protobufjs omits proto3 defaults when encoding)
 *   fromWire  decoded protobufjs body → typed message; byte fields go through `bytesOf`: copied
 *             out of the input (`copyBytes`), or kept as views when the caller gave the input up
 *
 * protocol/wire/envelope.ts is the only user: it validates before encoding, and after decoding.
 */
import type { warren } from './generated/warren.js';
import {
  checkBlock,
  checkBytes,
  checkHtl,
  checkIntegerRange,
  checkLocation,
  checkLocations,
  checkNodeRef,
  checkRoutingKey,
  INSERT_OUTCOMES,
  KEY_TYPES,
} from './fields.js';
import { MAX_HTL, MAX_SWAP_WALK_HOPS, SWAP_COMMITMENT_BYTES, SWAP_NONCE_BYTES } from './limits.js';
import type { MessageOfType, NodeRef, WireMessageType } from './messages.js';

type WireEnvelope = warren.wire.v1.Envelope.$Properties;
type WireNodeRef = warren.wire.v1.NodeRef.$Properties;

/** The protobufjs body for each message type. */
export type WireBody<T extends WireMessageType> = NonNullable<WireEnvelope[T]>;

export interface BodyCodec<T extends WireMessageType> {
  validate(message: MessageOfType<T>): void;
  toWire(message: MessageOfType<T>): WireBody<T>;
  fromWire(body: WireBody<T>, bytesOf: BytesOf): MessageOfType<T>;
}

export type BodyCodecs = { readonly [T in WireMessageType]: BodyCodec<T> };

const EMPTY_BYTES = new Uint8Array(0);

/** What a decoded message holds for a bytes field of the input. */
export type BytesOf = (bytes: Uint8Array | null | undefined) => Uint8Array;

/** A detached copy: the message shares no memory with the bytes it came from. */
export const copyBytes: BytesOf = (bytes) => (bytes ? new Uint8Array(bytes) : EMPTY_BYTES);

/** A plain Uint8Array view of the input's bytes: for input its caller gave up. */
export const viewBytes: BytesOf = (bytes) => (bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : EMPTY_BYTES);

function nodeRefToWire(node: NodeRef): WireNodeRef {
  return { publicKey: node.publicKey, powNonce: node.powNonce, addresses: [...node.addresses] };
}

function nodeRefFromWire(field: string, node: WireNodeRef | null | undefined, bytesOf: BytesOf): NodeRef {
  if (!node) throw new RangeError(`${field} must be present`);
  return {
    publicKey: bytesOf(node.publicKey),
    powNonce: bytesOf(node.powNonce),
    addresses: node.addresses ? [...node.addresses] : [],
  };
}

/** Codec of a message with no fields. */
function emptyBody<T extends 'requestAccepted' | 'dataNotFound' | 'rejectedLoop' | 'insertAccepted' | 'ping' | 'pong'>(type: T): BodyCodec<T> {
  const message = Object.freeze({ type }) as MessageOfType<T>;
  return {
    validate: () => {},
    toWire: () => ({}),
    fromWire: () => message,
  };
}

/** The two SwapRejected messages a decoder yields: a plain rejection, and a decline by a node that does not swap. */
const SWAP_REJECTED = Object.freeze({ type: 'swapRejected' as const });
const SWAP_DECLINED = Object.freeze({ type: 'swapRejected' as const, notSwapping: true as const });

/** Codec of a message that carries only a NodeRef. */
function nodeRefBody<T extends 'hello' | 'peerOffer'>(type: T): BodyCodec<T> {
  return {
    validate: (message: { readonly node: NodeRef }) => checkNodeRef(`${type}.node`, message.node),
    toWire: (message: { readonly node: NodeRef }) => ({ node: nodeRefToWire(message.node) }),
    fromWire: (body, bytesOf) => ({ type, node: nodeRefFromWire(`${type}.node`, body.node, bytesOf) }) as MessageOfType<T>,
  };
}

export const BODY_CODECS: BodyCodecs = {
  hello: nodeRefBody('hello'),
  dataRequest: {
    validate: (message) => {
      KEY_TYPES.check(message.keyType);
      checkRoutingKey('dataRequest.routingKey', message.routingKey);
      checkHtl('dataRequest.htl', message.htl);
    },
    toWire: (message) => ({
      keyType: KEY_TYPES.toWire(message.keyType),
      routingKey: message.routingKey,
      htl: message.htl,
    }),
    fromWire: (body, bytesOf) => ({
      type: 'dataRequest',
      keyType: KEY_TYPES.fromWire(body.keyType ?? 0),
      routingKey: bytesOf(body.routingKey),
      htl: body.htl ?? 0,
    }),
  },
  dataFound: {
    validate: (message) => checkBlock('dataFound.block', message.block),
    toWire: (message) => ({ block: message.block }),
    fromWire: (body, bytesOf) => ({ type: 'dataFound', block: bytesOf(body.block) }),
  },
  dataNotFound: emptyBody('dataNotFound'),
  routeNotFound: {
    validate: (message) => checkIntegerRange('routeNotFound.htl', message.htl, 0, MAX_HTL),
    toWire: (message) => ({ htl: message.htl }),
    fromWire: (body) => ({ type: 'routeNotFound', htl: body.htl ?? 0 }),
  },
  rejectedLoop: emptyBody('rejectedLoop'),
  rejectedOverload: {
    validate: (message) => {
      if (typeof message.local !== 'boolean') throw new RangeError('rejectedOverload.local must be a boolean');
    },
    toWire: (message) => ({ local: message.local }),
    fromWire: (body) => ({ type: 'rejectedOverload', local: body.local ?? false }),
  },
  insertRequest: {
    validate: (message) => {
      KEY_TYPES.check(message.keyType);
      checkRoutingKey('insertRequest.routingKey', message.routingKey);
      checkHtl('insertRequest.htl', message.htl);
    },
    toWire: (message) => ({
      keyType: KEY_TYPES.toWire(message.keyType),
      routingKey: message.routingKey,
      htl: message.htl,
    }),
    fromWire: (body, bytesOf) => ({
      type: 'insertRequest',
      keyType: KEY_TYPES.fromWire(body.keyType ?? 0),
      routingKey: bytesOf(body.routingKey),
      htl: body.htl ?? 0,
    }),
  },
  requestAccepted: emptyBody('requestAccepted'),
  insertAccepted: emptyBody('insertAccepted'),
  insertData: {
    validate: (message) => checkBlock('insertData.block', message.block),
    toWire: (message) => ({ block: message.block }),
    fromWire: (body, bytesOf) => ({ type: 'insertData', block: bytesOf(body.block) }),
  },
  insertReply: {
    validate: (message) => {
      INSERT_OUTCOMES.check(message.outcome);
      if (message.outcome === 'collision') checkBlock('insertReply.existingBlock', message.existingBlock);
      else if ('existingBlock' in message) throw new RangeError('insertReply.existingBlock is only for a collision');
    },
    toWire: (message) => ({
      outcome: INSERT_OUTCOMES.toWire(message.outcome),
      ...(message.outcome === 'collision' ? { existingBlock: message.existingBlock } : {}),
    }),
    fromWire: (body, bytesOf) => {
      const outcome = INSERT_OUTCOMES.fromWire(body.outcome ?? 0);
      if (outcome === 'collision') return { type: 'insertReply', outcome, existingBlock: bytesOf(body.existingBlock) };
      if (body.existingBlock?.length) throw new RangeError('insertReply.existingBlock is only for a collision');
      return { type: 'insertReply', outcome };
    },
  },
  announce: {
    validate: (message) => {
      checkNodeRef('announce.node', message.node);
      checkHtl('announce.htl', message.htl);
    },
    toWire: (message) => ({ node: nodeRefToWire(message.node), htl: message.htl }),
    fromWire: (body, bytesOf) => ({ type: 'announce', node: nodeRefFromWire('announce.node', body.node, bytesOf), htl: body.htl ?? 0 }),
  },
  peerOffer: nodeRefBody('peerOffer'),
  ping: emptyBody('ping'),
  pong: emptyBody('pong'),
  swapRequest: {
    validate: (message) => {
      checkBytes('swapRequest.commitment', message.commitment, SWAP_COMMITMENT_BYTES, SWAP_COMMITMENT_BYTES);
      checkIntegerRange('swapRequest.hops', message.hops, 1, MAX_SWAP_WALK_HOPS);
    },
    toWire: (message) => ({ commitment: message.commitment, hops: message.hops }),
    fromWire: (body, bytesOf) => ({ type: 'swapRequest', commitment: bytesOf(body.commitment), hops: body.hops ?? 0 }),
  },
  swapCommit: {
    validate: (message) => checkBytes('swapCommit.commitment', message.commitment, SWAP_COMMITMENT_BYTES, SWAP_COMMITMENT_BYTES),
    toWire: (message) => ({ commitment: message.commitment }),
    fromWire: (body, bytesOf) => ({ type: 'swapCommit', commitment: bytesOf(body.commitment) }),
  },
  swapReveal: {
    validate: (message) => {
      checkBytes('swapReveal.nonce', message.nonce, SWAP_NONCE_BYTES, SWAP_NONCE_BYTES);
      checkLocation('swapReveal.location', message.location);
      checkLocations('swapReveal.neighbourLocations', message.neighbourLocations);
    },
    toWire: (message) => ({ nonce: message.nonce, location: message.location, neighbourLocations: [...message.neighbourLocations] }),
    fromWire: (body, bytesOf) => ({
      type: 'swapReveal',
      nonce: bytesOf(body.nonce),
      location: body.location ?? 0,
      neighbourLocations: body.neighbourLocations ? [...body.neighbourLocations] : [],
    }),
  },
  swapRejected: {
    validate: (message) => {
      if (message.notSwapping !== undefined && message.notSwapping !== true) throw new RangeError('swapRejected.notSwapping must be true or absent');
    },
    toWire: (message) => (message.notSwapping ? { notSwapping: true } : {}),
    fromWire: (body) => (body.notSwapping ? SWAP_DECLINED : SWAP_REJECTED),
  },
  locationUpdate: {
    validate: (message) => checkLocation('locationUpdate.location', message.location),
    toWire: (message) => ({ location: message.location }),
    fromWire: (body) => ({ type: 'locationUpdate', location: body.location ?? 0 }),
  },
};
