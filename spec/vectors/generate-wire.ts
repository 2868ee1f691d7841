/**
 * Writes the wire known-answer vectors (spec/vectors/wire.json, spec/wire.md §8) from the
 * implementation. Run after a deliberate format change, never to make a failing test pass:
 * `npx tsx spec/vectors/generate-wire.ts`.
 *
 * `vectors`: valid envelopes and their complete frames (length prefix included).
 * `invalid`: byte streams a receiver MUST refuse, with the error class this implementation throws.
 */
import { writeFileSync } from 'node:fs';
import Long from 'long';
import { fromHex, toHex } from '../../protocol/bytes.js';
import { encodeEnvelope } from '../../protocol/wire/envelope.js';
import { encodeFrame } from '../../protocol/wire/frame.js';
import { warren } from '../../protocol/wire/generated/warren.js';
import type { Envelope } from '../../protocol/wire/messages.js';
import { envelopeToJson } from './wire-json.js';

const pb = warren.wire.v1;

/** Deterministic test bytes: byte i is (i * step + offset) mod 256. */
function pattern(length: number, step: number, offset = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * step + offset) & 0xff);
}

const node = {
  publicKey: pattern(32, 7, 1),
  powNonce: pattern(8, 1, 0xf0),
  addresses: ['/ip4/192.0.2.7/tcp/9301', '/ip6/2001:db8::7/tcp/9301'],
};

const valid: Array<[string, Envelope]> = [
  ['Hello with two addresses', { tx: 0x9e3779b97f4a7c15n, body: { type: 'hello', node } }],
  [
    'DataRequest for a CHK at the maximum HTL',
    { tx: 0x0123456789abcdefn, body: { type: 'dataRequest', keyType: 'chk', routingKey: pattern(32, 3, 0x20), htl: 18 } },
  ],
  ['DataFound with a 64-byte block', { tx: 0x0123456789abcdefn, body: { type: 'dataFound', block: pattern(64, 5, 9) } }],
  ['DataNotFound', { tx: 0x0123456789abcdefn, body: { type: 'dataNotFound' } }],
  ['RouteNotFound with 11 HTL left', { tx: 0xfedcba9876543210n, body: { type: 'routeNotFound', htl: 11 } }],
  ['RouteNotFound with no HTL left (htl field omitted)', { tx: 42n, body: { type: 'routeNotFound', htl: 0 } }],
  ['RejectedLoop', { tx: 0xfedcba9876543210n, body: { type: 'rejectedLoop' } }],
  ['RejectedOverload, local', { tx: 0x8000000000000000n, body: { type: 'rejectedOverload', local: true } }],
  [
    'InsertRequest for an SSK',
    {
      tx: 0x5555aaaa5555aaaan,
      body: { type: 'insertRequest', keyType: 'ssk', routingKey: pattern(32, 11, 3), htl: 17 },
    },
  ],
  ['RequestAccepted', { tx: 0x0123456789abcdefn, body: { type: 'requestAccepted' } }],
  ['InsertAccepted', { tx: 0x5555aaaa5555aaaan, body: { type: 'insertAccepted' } }],
  ['InsertData with a 40-byte block', { tx: 0x5555aaaa5555aaaan, body: { type: 'insertData', block: pattern(40, 13, 2) } }],
  [
    'InsertReply collision carrying the existing block',
    { tx: 0x5555aaaa5555aaaan, body: { type: 'insertReply', outcome: 'collision', existingBlock: pattern(48, 17, 4) } },
  ],
  ['InsertReply stored', { tx: 0x5555aaaa5555aaaan, body: { type: 'insertReply', outcome: 'stored' } }],
  ['Announce without addresses', { tx: 0x00000000ffffffffn, body: { type: 'announce', node: { ...node, addresses: [] }, htl: 10 } }],
  ['PeerOffer (path folding)', { tx: 0x0123456789abcdefn, body: { type: 'peerOffer', node } }],
  ['Ping with tx 0 (tx field omitted)', { tx: 0n, body: { type: 'ping' } }],
  ['Pong with the largest tx', { tx: (1n << 64n) - 1n, body: { type: 'pong' } }],
  ['SwapRequest starting a walk of 5 hops', { tx: 0x2545f4914f6cdd1dn, body: { type: 'swapRequest', commitment: pattern(32, 9, 0x11), hops: 5 } }],
  ['SwapCommit', { tx: 0x2545f4914f6cdd1dn, body: { type: 'swapCommit', commitment: pattern(32, 5, 0x33) } }],
  [
    'SwapReveal with three link locations',
    { tx: 0x2545f4914f6cdd1dn, body: { type: 'swapReveal', nonce: pattern(32, 3, 0x55), location: 0.375, neighbourLocations: [0.125, 0.5, 0.9375] } },
  ],
  ['SwapRejected', { tx: 0x2545f4914f6cdd1dn, body: { type: 'swapRejected' } }],
  ['SwapRejected by a node that does not swap', { tx: 0x2545f4914f6cdd1dn, body: { type: 'swapRejected', notSwapping: true } }],
  ['LocationUpdate', { tx: 0x1111111111111111n, body: { type: 'locationUpdate', location: 0.75 } }],
  ['LocationUpdate to location 0 (location field omitted)', { tx: 0x1111111111111111n, body: { type: 'locationUpdate', location: 0 } }],
];

/** A frame around envelope fields written by the generated encoder, bypassing our checks. */
function rawFrame(fields: Omit<warren.wire.v1.Envelope.$Properties, 'tx'>): string {
  return toHex(encodeFrame(pb.Envelope.encode({ tx: Long.fromBits(7, 0, true), ...fields }).finish()));
}

/** A frame around a hand-written payload. */
const frameOf = (payloadHex: string) => toHex(encodeFrame(fromHex(payloadHex)));

const key = pattern(32, 3, 0x20);
const invalid: Array<{ name: string; stream: string; error: 'WireDecodeError' | 'FrameTooLargeError' }> = [
  { name: 'wire version 2', stream: rawFrame({ version: 2, ping: {} }), error: 'WireDecodeError' },
  { name: 'version missing (0)', stream: rawFrame({ ping: {} }), error: 'WireDecodeError' },
  { name: 'no body', stream: rawFrame({ version: 1 }), error: 'WireDecodeError' },
  { name: 'two bodies: ping then pong', stream: frameOf('0801' + '110700000000000000' + '7200' + '7a00'), error: 'WireDecodeError' },
  {
    name: 'DataRequest with htl 19',
    stream: rawFrame({ version: 1, dataRequest: { keyType: pb.KeyType.KEY_TYPE_CHK, routingKey: key, htl: 19 } }),
    error: 'WireDecodeError',
  },
  {
    name: 'DataRequest with the key type unspecified',
    stream: rawFrame({ version: 1, dataRequest: { routingKey: key, htl: 5 } }),
    error: 'WireDecodeError',
  },
  {
    name: 'DataRequest with a 31-byte routing key',
    stream: rawFrame({ version: 1, dataRequest: { keyType: pb.KeyType.KEY_TYPE_SSK, routingKey: key.subarray(1), htl: 5 } }),
    error: 'WireDecodeError',
  },
  {
    name: 'InsertReply stored with an existing block',
    stream: rawFrame({ version: 1, insertReply: { outcome: pb.InsertOutcome.INSERT_OUTCOME_STORED, existingBlock: key } }),
    error: 'WireDecodeError',
  },
  {
    name: 'InsertData without a block',
    stream: rawFrame({ version: 1, insertData: {} }),
    error: 'WireDecodeError',
  },
  {
    name: 'InsertRequest carrying a block (field 4, reserved: the block goes in InsertData)',
    stream: frameOf('0801' + '110700000000000000' + '5229' + '0801' + '1220' + toHex(key) + '1805' + '2201' + 'ff'),
    error: 'WireDecodeError',
  },
  {
    name: 'not canonical: RouteNotFound with htl 0 written out',
    stream: frameOf('0801' + '110700000000000000' + '3a020800'),
    error: 'WireDecodeError',
  },
  {
    name: 'not canonical: an unknown field (number 18) after the body',
    stream: frameOf('0801' + '110700000000000000' + '7200' + '9001' + '01'),
    error: 'WireDecodeError',
  },
  {
    name: 'SwapRequest with hops 11',
    stream: rawFrame({ version: 1, swapRequest: { commitment: key, hops: 11 } }),
    error: 'WireDecodeError',
  },
  {
    name: 'SwapReveal with location 1',
    stream: rawFrame({ version: 1, swapReveal: { nonce: key, location: 1, neighbourLocations: [] } }),
    error: 'WireDecodeError',
  },
  {
    name: 'not canonical: LocationUpdate with location -0 written out',
    stream: rawFrame({ version: 1, locationUpdate: { location: -0 } }),
    error: 'WireDecodeError',
  },
  { name: 'truncated envelope inside a valid frame', stream: frameOf('0801' + '11'), error: 'WireDecodeError' },
  { name: 'zero-length frame', stream: '00', error: 'WireDecodeError' },
  { name: 'non-minimal length prefix (4 in two bytes) before a valid Ping', stream: '8400' + '08017200', error: 'WireDecodeError' },
  { name: 'frame declaring 36865 bytes', stream: '81a002', error: 'FrameTooLargeError' },
  { name: 'length prefix longer than 3 bytes (declares 2^31)', stream: '8080808008', error: 'FrameTooLargeError' },
  { name: 'stream ending inside a frame (5 bytes declared, 4 sent)', stream: '05' + '08017200', error: 'WireDecodeError' },
];

const document = {
  description:
    'Wire format v1 known answers (spec/wire.md §8). vectors: envelope (bytes as hex, tx as a decimal string) → ' +
    'the complete frame in hex, length prefix included. invalid: byte streams a receiver MUST refuse; error is the ' +
    'class the reference implementation throws.',
  vectors: valid.map(([name, envelope]) => ({
    name,
    envelope: envelopeToJson(envelope),
    frame: toHex(encodeFrame(encodeEnvelope(envelope))),
  })),
  invalid,
};

writeFileSync(new URL('./wire.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
