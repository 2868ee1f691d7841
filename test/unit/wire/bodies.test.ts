import assert from 'node:assert/strict';
import Long from 'long';
import { WireDecodeError } from '../../../protocol/errors.js';
import { decodeEnvelope, encodeEnvelope } from '../../../protocol/wire/envelope.js';
import { warren } from '../../../protocol/wire/generated/warren.js';
import { MAX_ADDRESS_LENGTH, MAX_BLOCK_BYTES, MAX_HTL } from '../../../protocol/wire/limits.js';
import type { NodeRef, WireMessage } from '../../../protocol/wire/messages.js';
import { SAMPLE_MESSAGES, SAMPLE_NODE } from './arbitraries.js';

const pb = warren.wire.v1;
type WireEnvelope = warren.wire.v1.Envelope.$Properties;

/**
 * One broken rule: the typed message our encoder must refuse, and the same violation as
 * protobufjs fields (encoded without our checks) that our decoder must refuse.
 * Either side is left out where the violation cannot be expressed there.
 */
interface Violation {
  rule: RegExp;
  message?: WireMessage;
  wire?: Omit<WireEnvelope, 'version' | 'tx'>;
}

const key = SAMPLE_MESSAGES.dataRequest.routingKey;
const block = SAMPLE_MESSAGES.insertData.block;
const withNode = (node: Partial<Record<keyof NodeRef, unknown>>): NodeRef => ({ ...SAMPLE_NODE, ...node }) as NodeRef;
const nodeWire = (node: NodeRef) => ({ ...node, addresses: [...node.addresses] });

/** The same broken NodeRef in a Hello, an Announce and a PeerOffer. */
function nodeViolations(what: string, rule: RegExp, node: NodeRef): [string, Violation][] {
  return [
    [`hello ${what}`, { rule, message: { type: 'hello', node }, wire: { hello: { node: nodeWire(node) } } }],
    [`announce ${what}`, { rule, message: { type: 'announce', node, htl: 5 }, wire: { announce: { node: nodeWire(node), htl: 5 } } }],
    [`peerOffer ${what}`, { rule, message: { type: 'peerOffer', node }, wire: { peerOffer: { node: nodeWire(node) } } }],
  ];
}

const VIOLATIONS: [string, Violation][] = [
  ...nodeViolations('with a 31-byte public key', /publicKey must be 32 bytes/, withNode({ publicKey: new Uint8Array(31) })),
  ...nodeViolations('with a 9-byte nonce', /powNonce must be 8 bytes/, withNode({ powNonce: new Uint8Array(9) })),
  ...nodeViolations('without a nonce', /powNonce must be 8 bytes, got 0/, withNode({ powNonce: new Uint8Array(0) })),
  ...nodeViolations('with 9 addresses', /at most 8 addresses/, withNode({ addresses: Array.from({ length: 9 }, (_, i) => `/ip4/10.0.0.${i}`) })),
  ...nodeViolations('with a 257-character address', /addresses\[1\] must be 1\.\.256/, withNode({ addresses: ['/ok', `/${'a'.repeat(MAX_ADDRESS_LENGTH)}`] })),
  ...nodeViolations('with an empty address', /addresses\[0\]/, withNode({ addresses: [''] })),
  ...nodeViolations('with an address not starting with /', /addresses\[0\]/, withNode({ addresses: ['ip4/1.2.3.4'] })),
  ...nodeViolations('with a space in an address', /addresses\[0\]/, withNode({ addresses: ['/ip4/1.2.3.4 /tcp/1'] })),
  ...nodeViolations('with a non-ASCII address', /addresses\[0\]/, withNode({ addresses: ['/dns4/été.example'] })),
  ['hello without a node', { rule: /hello\.node must be present/, wire: { hello: {} } }],
  ['announce without a node', { rule: /announce\.node must be present/, wire: { announce: { htl: 3 } } }],
  [
    'dataRequest with the key type unspecified',
    {
      rule: /keyType 0 is not a known value/,
      wire: { dataRequest: { keyType: pb.KeyType.KEY_TYPE_UNSPECIFIED, routingKey: key, htl: 3 } },
    },
  ],
  [
    'dataRequest with an unknown key type',
    {
      rule: /keyType/,
      message: { type: 'dataRequest', keyType: 'usk' as 'chk', routingKey: key, htl: 3 },
      wire: { dataRequest: { keyType: 7 as warren.wire.v1.KeyType, routingKey: key, htl: 3 } },
    },
  ],
  [
    'dataRequest with a short routing key',
    {
      rule: /dataRequest\.routingKey must be 32 bytes, got 31/,
      message: { type: 'dataRequest', keyType: 'chk', routingKey: key.subarray(1), htl: 3 },
      wire: { dataRequest: { keyType: pb.KeyType.KEY_TYPE_CHK, routingKey: key.subarray(1), htl: 3 } },
    },
  ],
  ...[0, MAX_HTL + 1].map((htl): [string, Violation] => [
    `dataRequest with htl ${htl}`,
    {
      rule: /dataRequest\.htl must be an integer in 1\.\.18/,
      message: { type: 'dataRequest', keyType: 'ssk', routingKey: key, htl },
      wire: { dataRequest: { keyType: pb.KeyType.KEY_TYPE_SSK, routingKey: key, htl } },
    },
  ]),
  ['dataRequest with a fractional htl', { rule: /htl/, message: { type: 'dataRequest', keyType: 'chk', routingKey: key, htl: 2.5 } }],
  [
    'routeNotFound with htl 19',
    { rule: /routeNotFound\.htl must be an integer in 0\.\.18/, message: { type: 'routeNotFound', htl: 19 }, wire: { routeNotFound: { htl: 19 } } },
  ],
  [
    'dataFound with no block',
    { rule: /dataFound\.block must be 1\.\.32768 bytes, got 0/, message: { type: 'dataFound', block: new Uint8Array(0) }, wire: { dataFound: {} } },
  ],
  [
    'dataFound with a block over 32 KiB',
    {
      rule: /dataFound\.block must be 1\.\.32768 bytes, got 32769/,
      message: { type: 'dataFound', block: new Uint8Array(MAX_BLOCK_BYTES + 1) },
      wire: { dataFound: { block: new Uint8Array(MAX_BLOCK_BYTES + 1) } },
    },
  ],
  ['rejectedOverload with a non-boolean', { rule: /local must be a boolean/, message: { type: 'rejectedOverload', local: 1 as unknown as boolean } }],
  [
    'swapRejected declining with false (a plain rejection has the field absent)',
    { rule: /swapRejected\.notSwapping must be true or absent/, message: { type: 'swapRejected', notSwapping: false as unknown as true } },
  ],
  [
    'insertData without a block',
    {
      rule: /insertData\.block must be 1\.\.32768 bytes, got 0/,
      message: { type: 'insertData', block: new Uint8Array(0) },
      wire: { insertData: {} },
    },
  ],
  [
    'insertData with a block over 32 KiB',
    {
      rule: /insertData\.block must be 1\.\.32768 bytes, got 32769/,
      message: { type: 'insertData', block: new Uint8Array(MAX_BLOCK_BYTES + 1) },
      wire: { insertData: { block: new Uint8Array(MAX_BLOCK_BYTES + 1) } },
    },
  ],
  [
    'insertRequest with htl 0',
    {
      rule: /insertRequest\.htl/,
      message: { type: 'insertRequest', keyType: 'chk', routingKey: key, htl: 0 },
      wire: { insertRequest: { keyType: pb.KeyType.KEY_TYPE_CHK, routingKey: key } },
    },
  ],
  [
    'insertRequest with a long routing key',
    {
      rule: /insertRequest\.routingKey must be 32 bytes, got 33/,
      message: { type: 'insertRequest', keyType: 'chk', routingKey: new Uint8Array(33), htl: 2 },
      wire: { insertRequest: { keyType: pb.KeyType.KEY_TYPE_CHK, routingKey: new Uint8Array(33), htl: 2 } },
    },
  ],
  ['insertReply with the outcome unspecified', { rule: /outcome 0 is not a known value/, wire: { insertReply: {} } }],
  [
    'insertReply with an unknown outcome',
    {
      rule: /outcome/,
      message: { type: 'insertReply', outcome: 'maybe' as 'stored' },
      wire: { insertReply: { outcome: 4 as warren.wire.v1.InsertOutcome } },
    },
  ],
  [
    'insertReply collision without the existing block',
    {
      rule: /insertReply\.existingBlock must be 1\.\.32768 bytes, got 0/,
      message: { type: 'insertReply', outcome: 'collision', existingBlock: new Uint8Array(0) },
      wire: { insertReply: { outcome: pb.InsertOutcome.INSERT_OUTCOME_COLLISION } },
    },
  ],
  [
    'insertReply stored with an existing block',
    {
      rule: /existingBlock is only for a collision/,
      message: { type: 'insertReply', outcome: 'stored', existingBlock: block } as WireMessage,
      wire: { insertReply: { outcome: pb.InsertOutcome.INSERT_OUTCOME_STORED, existingBlock: block } },
    },
  ],
  [
    'announce with htl 19',
    {
      rule: /announce\.htl/,
      message: { type: 'announce', node: SAMPLE_NODE, htl: 19 },
      wire: { announce: { node: nodeWire(SAMPLE_NODE), htl: 19 } },
    },
  ],
];

describe('protocol/wire/bodies', () => {
  for (const [name, violation] of VIOLATIONS) {
    describe(name, () => {
      const { message, wire } = violation;
      if (message !== undefined) {
        it('is refused by the encoder with a RangeError', () => {
          assert.throws(
            () => encodeEnvelope({ tx: 1n, body: message }),
            (error: unknown) => {
              assert.ok(error instanceof RangeError, String(error));
              assert.match(error.message, violation.rule);
              return true;
            },
          );
        });
      }
      if (wire !== undefined) {
        it('is refused by the decoder with a WireDecodeError', () => {
          const bytes = pb.Envelope.encode({ version: 1, tx: Long.fromBits(1, 0, true), ...wire }).finish();
          assert.throws(
            () => decodeEnvelope(bytes),
            (error: unknown) => {
              assert.ok(error instanceof WireDecodeError, String(error));
              assert.match(error.message, violation.rule);
              return true;
            },
          );
        });
      }
    });
  }

  it('accepts every limit at its edge', () => {
    const edges: WireMessage[] = [
      { type: 'dataRequest', keyType: 'chk', routingKey: key, htl: 1 },
      { type: 'dataRequest', keyType: 'ssk', routingKey: key, htl: MAX_HTL },
      { type: 'routeNotFound', htl: 0 },
      { type: 'routeNotFound', htl: MAX_HTL },
      { type: 'dataFound', block: new Uint8Array(1) },
      { type: 'dataFound', block: new Uint8Array(MAX_BLOCK_BYTES) },
      { type: 'rejectedOverload', local: false },
      { type: 'insertReply', outcome: 'stored' },
      { type: 'insertReply', outcome: 'invalidBlock' },
      { type: 'insertReply', outcome: 'collision', existingBlock: new Uint8Array(MAX_BLOCK_BYTES) },
      { type: 'hello', node: withNode({ addresses: Array.from({ length: 8 }, () => `/${'~'.repeat(MAX_ADDRESS_LENGTH - 1)}`) }) },
      { type: 'peerOffer', node: withNode({ addresses: ['/'] }) },
    ];
    for (const body of edges) assert.deepEqual(decodeEnvelope(encodeEnvelope({ tx: 2n, body })).body, body);
  });
});
