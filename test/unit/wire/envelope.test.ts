import assert from 'node:assert/strict';
import fc from 'fast-check';
import Long from 'long';
import { fromHex, toHex } from '../../../protocol/bytes.js';
import { WireDecodeError } from '../../../protocol/errors.js';
import { decodeEnvelope, encodeEnvelope, encodeEnvelopeFrame, encodeEnvelopeFrameSegments } from '../../../protocol/wire/envelope.js';
import { encodeFrame } from '../../../protocol/wire/frame.js';
import { warren } from '../../../protocol/wire/generated/warren.js';
import { MAX_BLOCK_BYTES, MAX_FRAME_BYTES, MAX_HTL, ROUTING_KEY_BYTES } from '../../../protocol/wire/limits.js';
import type { Envelope, WireMessage } from '../../../protocol/wire/messages.js';
import { envelopeArbitrary, mutatedArbitrary, SAMPLE_MESSAGES } from './arbitraries.js';

const pb = warren.wire.v1;

/** Bytes straight from the generated encoder, bypassing our validation. */
function rawEnvelope(properties: warren.wire.v1.Envelope.$Properties): Uint8Array {
  return pb.Envelope.encode(properties).finish();
}

function assertDecodeFails(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(
    () => decodeEnvelope(bytes),
    (error: unknown) => {
      assert.ok(error instanceof WireDecodeError, `expected WireDecodeError, got ${String(error)}`);
      assert.equal(error.code, 'ERR_WIRE_DECODE');
      assert.match(error.message, pattern);
      return true;
    },
  );
}

/** Decoding either succeeds or throws a WireDecodeError; a success re-encodes to the same bytes. */
function assertDecodesOrRejects(bytes: Uint8Array): void {
  let envelope: Envelope;
  try {
    envelope = decodeEnvelope(bytes);
  } catch (error) {
    assert.ok(error instanceof WireDecodeError, `threw ${String(error)}`);
    return;
  }
  assert.equal(toHex(encodeEnvelope(envelope)), toHex(bytes));
}

describe('protocol/wire/envelope', () => {
  describe('round trip', () => {
    for (const message of Object.values(SAMPLE_MESSAGES)) {
      it(`encodes and decodes ${message.type}`, () => {
        const envelope: Envelope = { tx: 0x0123456789abcdefn, body: message };
        assert.deepEqual(decodeEnvelope(encodeEnvelope(envelope)), envelope);
      });
    }

    it('keeps tx exact across the whole 64-bit range', () => {
      for (const tx of [0n, 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 32n, (1n << 63n) + 5n, (1n << 64n) - 1n]) {
        assert.equal(decodeEnvelope(encodeEnvelope({ tx, body: { type: 'ping' } })).tx, tx);
      }
    });

    it('round-trips arbitrary valid envelopes', () => {
      fc.assert(
        fc.property(envelopeArbitrary, (envelope) => {
          const bytes = encodeEnvelope(envelope);
          assert.ok(bytes.length <= MAX_FRAME_BYTES);
          assert.deepEqual(decodeEnvelope(bytes), envelope);
        }),
        { numRuns: 500 },
      );
    });

    it('returns plain Uint8Arrays that share no memory with the input', () => {
      const bytes = encodeEnvelope({ tx: 1n, body: SAMPLE_MESSAGES.insertData });
      const decoded = decodeEnvelope(bytes).body as typeof SAMPLE_MESSAGES.insertData;
      assert.equal(Object.getPrototypeOf(bytes), Uint8Array.prototype);
      assert.equal(Object.getPrototypeOf(decoded.block), Uint8Array.prototype);
      bytes.fill(0);
      assert.deepEqual(decoded, SAMPLE_MESSAGES.insertData);
    });

    it('given the input (owned), decodes the same envelopes, byte fields as plain views into it', () => {
      fc.assert(
        fc.property(envelopeArbitrary, (envelope) => {
          const bytes = encodeEnvelope(envelope);
          assert.deepEqual(decodeEnvelope(new Uint8Array(bytes), { owned: true }), decodeEnvelope(bytes));
        }),
        { numRuns: 500 },
      );
      const bytes = new Uint8Array(encodeEnvelope({ tx: 1n, body: SAMPLE_MESSAGES.insertData }));
      const decoded = decodeEnvelope(bytes, { owned: true }).body as typeof SAMPLE_MESSAGES.insertData;
      assert.equal(decoded.block.buffer, bytes.buffer);
      assert.equal(Object.getPrototypeOf(decoded.block), Uint8Array.prototype);
      const requestBytes = new Uint8Array(encodeEnvelope({ tx: 1n, body: SAMPLE_MESSAGES.insertRequest }));
      const request = decodeEnvelope(requestBytes, { owned: true }).body as typeof SAMPLE_MESSAGES.insertRequest;
      assert.equal(request.routingKey.buffer, requestBytes.buffer);
      // Owned input is still refused when not canonical, as any other.
      assert.throws(() => decodeEnvelope(Uint8Array.of(...bytes, 0x80, 0x01, 0x00), { owned: true }), WireDecodeError);
    });

    it('the largest valid envelope, a collision reply with a full block, fits a frame', () => {
      const tx = (1n << 64n) - 1n;
      const block = new Uint8Array(MAX_BLOCK_BYTES).fill(1);
      const largest = encodeEnvelope({ tx, body: { type: 'insertReply', outcome: 'collision', existingBlock: block } });
      assert.equal(largest.length, 32789);
      assert.ok(largest.length <= MAX_FRAME_BYTES);
      for (const body of [
        { type: 'insertData', block },
        { type: 'dataFound', block },
      ] as const) {
        assert.ok(encodeEnvelope({ tx, body }).length <= largest.length, body.type);
      }
    });
  });

  describe('encodeEnvelopeFrame', () => {
    it('is encodeFrame(encodeEnvelope(envelope)), byte for byte', () => {
      fc.assert(
        fc.property(envelopeArbitrary, (envelope) => {
          const frame = encodeEnvelopeFrame(envelope);
          assert.equal(toHex(frame), toHex(encodeFrame(encodeEnvelope(envelope))));
          assert.equal(Object.getPrototypeOf(frame), Uint8Array.prototype);
        }),
        { numRuns: 500 },
      );
      const largest: Envelope = { tx: (1n << 64n) - 1n, body: { ...SAMPLE_MESSAGES.insertData, block: new Uint8Array(MAX_BLOCK_BYTES).fill(1) } };
      assert.equal(toHex(encodeEnvelopeFrame(largest)), toHex(encodeFrame(encodeEnvelope(largest))));
    });

    it('refuses what encodeEnvelope refuses', () => {
      assert.throws(() => encodeEnvelopeFrame({ tx: -1n, body: { type: 'ping' } }), RangeError);
      const body: WireMessage = { type: 'dataRequest', keyType: 'chk', routingKey: new Uint8Array(ROUTING_KEY_BYTES), htl: MAX_HTL + 1 };
      assert.throws(() => encodeEnvelopeFrame({ tx: 1n, body }), /dataRequest\.htl must be an integer in 1\.\.18/);
    });
  });

  describe('encodeEnvelopeFrameSegments', () => {
    const bytesOf = (segments: ReturnType<typeof encodeEnvelopeFrameSegments>) => toHex(segments instanceof Uint8Array ? segments : segments.subarray());
    const blockBodies = fc.constantFrom('dataFound' as const, 'insertData' as const);
    const blockArbitrary = fc.integer({ min: 1, max: MAX_BLOCK_BYTES }).map((length) => new Uint8Array(length).fill(length & 0xff));

    it('gives the bytes of encodeEnvelopeFrame, whatever the envelope', () => {
      fc.assert(
        fc.property(envelopeArbitrary, (envelope) => {
          assert.equal(bytesOf(encodeEnvelopeFrameSegments(envelope)), toHex(encodeEnvelopeFrame(envelope)));
        }),
        { numRuns: 500 },
      );
    });

    it('carries a block as its own segment, uncopied, after a small header, for any tx and block length', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), blockBodies, blockArbitrary, (tx, type, block) => {
          const envelope: Envelope = { tx, body: { type, block } };
          const segments = encodeEnvelopeFrameSegments(envelope);
          assert.ok(!(segments instanceof Uint8Array));
          const parts = [...segments];
          assert.equal(parts.length, 2);
          assert.equal(parts[1], block);
          assert.ok(parts[0]!.length <= 24);
          assert.equal(bytesOf(segments), toHex(encodeEnvelopeFrame(envelope)));
        }),
        { numRuns: 200 },
      );
    });

    it('refuses what encodeEnvelope refuses', () => {
      assert.throws(() => encodeEnvelopeFrameSegments({ tx: 1n, body: { type: 'dataFound', block: new Uint8Array(0) } }), RangeError);
      assert.throws(() => encodeEnvelopeFrameSegments({ tx: -1n, body: { type: 'insertData', block: new Uint8Array(1) } }), RangeError);
    });
  });

  describe('encoding refuses invalid envelopes with a RangeError', () => {
    const key = new Uint8Array(ROUTING_KEY_BYTES);
    const cases: [string, Envelope][] = [
      ['negative tx', { tx: -1n, body: { type: 'ping' } }],
      ['tx of 2^64', { tx: 1n << 64n, body: { type: 'ping' } }],
      ['unknown type', { tx: 1n, body: { type: 'nope' } as unknown as WireMessage }],
      ['inherited type name', { tx: 1n, body: { type: 'toString' } as unknown as WireMessage }],
    ];
    for (const [name, envelope] of cases) {
      it(name, () => assert.throws(() => encodeEnvelope(envelope), RangeError));
    }

    it('validates the body (bodies.test.ts has every rule)', () => {
      const body: WireMessage = { type: 'dataRequest', keyType: 'chk', routingKey: key, htl: MAX_HTL + 1 };
      assert.throws(() => encodeEnvelope({ tx: 1n, body }), /dataRequest\.htl must be an integer in 1\.\.18/);
    });
  });

  describe('decoding rejects', () => {
    const tx = Long.fromBits(1, 0, true);

    it('empty and oversized input', () => {
      assertDecodeFails(new Uint8Array(0), /1\.\.36864 bytes/);
      assertDecodeFails(new Uint8Array(MAX_FRAME_BYTES + 1), /1\.\.36864 bytes/);
    });

    it('any version but 1, including a missing one', () => {
      assertDecodeFails(rawEnvelope({ version: 2, tx, ping: {} }), /unsupported wire version 2/);
      assertDecodeFails(rawEnvelope({ tx, ping: {} }), /unsupported wire version 0/);
    });

    it('an envelope without a body', () => {
      assertDecodeFails(rawEnvelope({ version: 1, tx }), /exactly one body, found 0/);
    });

    it('two bodies', () => {
      // version 1, then ping (field 14) and pong (field 15), both empty.
      assertDecodeFails(fromHex('08017200' + '7a00'), /not in canonical encoding/);
    });

    it('truncated protobuf, wrapping the parser error', () => {
      const valid = encodeEnvelope({ tx: 9n, body: SAMPLE_MESSAGES.hello });
      assert.throws(
        () => decodeEnvelope(valid.subarray(0, valid.length - 3)),
        (error: unknown) => error instanceof WireDecodeError && /malformed envelope/.test(error.message) && error.cause !== undefined,
      );
    });

    it('bytes that are valid protobuf but not the canonical encoding', () => {
      const canonical = toHex(encodeEnvelope({ tx: 1n, body: { type: 'routeNotFound', htl: 3 } }));
      assert.equal(canonical, '0801' + '110100000000000000' + '3a020803');
      const nonCanonical = {
        'an explicit zero': '0801' + '110100000000000000' + '3a020800',
        'fields out of order': '110100000000000000' + '0801' + '3a020803',
        'a field repeated': '0801' + '0801' + '110100000000000000' + '3a020803',
        'an unknown field': '0801' + '110100000000000000' + '3a020803' + '800101',
        'a known field with the wrong wire type': '0801' + '110100000000000000' + '3a020803' + '0d00000000',
        'a non-minimal varint': '0881' + '00' + '110100000000000000' + '3a020803',
        'a zero tx written out': '0801' + '110000000000000000' + '3a020803',
      };
      for (const [what, hex] of Object.entries(nonCanonical)) {
        assert.throws(() => decodeEnvelope(fromHex(hex)), WireDecodeError, what);
      }
    });

    it('invalid UTF-8 in an address', () => {
      const bytes = rawEnvelope({ version: 1, tx, hello: { node: { ...SAMPLE_MESSAGES.hello.node, addresses: ['/x'] } } });
      const at = toHex(bytes).lastIndexOf(toHex(new TextEncoder().encode('/x'))) / 2;
      bytes[at + 1] = 0xff;
      assertDecodeFails(bytes, /./);
    });
  });

  describe('hostile input', () => {
    it('random bytes only ever raise WireDecodeError', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), assertDecodesOrRejects), { numRuns: 5000 });
    });

    it('mutated valid envelopes only ever raise WireDecodeError', () => {
      const valid = envelopeArbitrary.map(encodeEnvelope);
      fc.assert(fc.property(mutatedArbitrary(valid), assertDecodesOrRejects), { numRuns: 5000 });
    });
  });
});
