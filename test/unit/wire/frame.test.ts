import assert from 'node:assert/strict';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex } from '../../../protocol/bytes.js';
import { FrameTooLargeError, WireDecodeError } from '../../../protocol/errors.js';
import { decodeEnvelope, encodeEnvelope } from '../../../protocol/wire/envelope.js';
import { encodeFrame, FrameDecoder, MAX_FRAME_PREFIX_BYTES } from '../../../protocol/wire/frame.js';
import { MAX_FRAME_BYTES } from '../../../protocol/wire/limits.js';
import { envelopeArbitrary, mutatedArbitrary } from './arbitraries.js';

const payloadArbitrary = fc.uint8Array({ minLength: 1, maxLength: 300 });

/** Cuts `bytes` at the given points (taken modulo its length). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

function decodeAll(chunks: Uint8Array[]): Uint8Array[] {
  const decoder = new FrameDecoder();
  const frames = chunks.flatMap((chunk) => decoder.push(chunk));
  decoder.finish();
  return frames;
}

function assertFails(action: () => unknown, errorClass: typeof WireDecodeError, pattern: RegExp): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof errorClass, `expected ${errorClass.name}, got ${String(error)}`);
    assert.match((error as Error).message, pattern);
    return true;
  });
}

describe('protocol/wire/frame', () => {
  describe('encodeFrame', () => {
    it('prefixes the payload with its unsigned LEB128 length', () => {
      assert.equal(toHex(encodeFrame(fromHex('aa'))), '01aa');
      assert.equal(toHex(encodeFrame(new Uint8Array(127))).slice(0, 2), '7f');
      assert.equal(toHex(encodeFrame(new Uint8Array(128))).slice(0, 4), '8001');
      assert.equal(toHex(encodeFrame(new Uint8Array(300))).slice(0, 4), 'ac02');
      assert.equal(toHex(encodeFrame(new Uint8Array(MAX_FRAME_BYTES))).slice(0, 6), '80a002');
    });

    it('refuses empty and oversized payloads', () => {
      assert.throws(() => encodeFrame(new Uint8Array(0)), RangeError);
      assert.throws(() => encodeFrame(new Uint8Array(MAX_FRAME_BYTES + 1)), RangeError);
    });

    it('the longest prefix is 3 bytes', () => assert.equal(MAX_FRAME_PREFIX_BYTES, 3));
  });

  describe('FrameDecoder', () => {
    it('returns the frames of one chunk, in order', () => {
      const payloads = [fromHex('01'), new Uint8Array(200).fill(7), fromHex('0203')];
      assert.deepEqual(decodeAll([concatBytes(...payloads.map(encodeFrame))]), payloads);
    });

    it('reassembles a frame fed one byte at a time', () => {
      const frame = encodeFrame(new Uint8Array(MAX_FRAME_BYTES).fill(5));
      const decoder = new FrameDecoder();
      for (let i = 0; i < frame.length - 1; i++) assert.deepEqual(decoder.push(frame.subarray(i, i + 1)), []);
      assert.equal(decoder.bufferedBytes, frame.length - 1);
      assert.deepEqual(decoder.push(frame.subarray(frame.length - 1)), [frame.subarray(3)]);
      assert.equal(decoder.bufferedBytes, 0);
    });

    it('gives the same frames whatever the chunk boundaries', () => {
      fc.assert(
        fc.property(fc.array(payloadArbitrary, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), (payloads, cuts) => {
          const stream = concatBytes(...payloads.map(encodeFrame));
          assert.deepEqual(decodeAll(split(stream, cuts)), payloads);
        }),
        { numRuns: 1000 },
      );
    });

    it('returns copies that do not alias the pushed chunk', () => {
      const chunk = encodeFrame(fromHex('010203'));
      const [frame] = new FrameDecoder().push(chunk);
      chunk.fill(0);
      assert.equal(toHex(frame!), '010203');
      assert.equal(Object.getPrototypeOf(frame), Uint8Array.prototype);
    });

    it('with ownsChunks, returns a frame whole in its chunk as a plain view into it, and copies a frame cut across chunks', () => {
      const whole = concatBytes(encodeFrame(fromHex('0102')), encodeFrame(fromHex('030405')));
      const decoder = new FrameDecoder({ ownsChunks: true });
      const [first, second] = decoder.push(Buffer.from(whole.buffer, whole.byteOffset, whole.length));
      assert.equal(Object.getPrototypeOf(first), Uint8Array.prototype);
      assert.equal(first!.buffer, whole.buffer);
      assert.equal(second!.buffer, whole.buffer);
      assert.deepEqual([toHex(first!), toHex(second!)], ['0102', '030405']);
      const cut = encodeFrame(fromHex('0607'));
      assert.deepEqual(decoder.push(cut.subarray(0, 2)), []);
      const [joined] = decoder.push(cut.subarray(2));
      assert.notEqual(joined!.buffer, cut.buffer);
      assert.equal(toHex(joined!), '0607');
    });

    it('with ownsChunks, gives the same frames whatever the chunk boundaries', () => {
      fc.assert(
        fc.property(fc.array(payloadArbitrary, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), (payloads, cuts) => {
          const decoder = new FrameDecoder({ ownsChunks: true });
          const stream = concatBytes(...payloads.map(encodeFrame));
          const frames = split(stream, cuts).flatMap((chunk) => decoder.push(Uint8Array.from(chunk)));
          decoder.finish();
          assert.deepEqual(frames, payloads);
        }),
        { numRuns: 500 },
      );
    });

    it('refuses a 2^31-byte frame from its prefix alone, before buffering anything', () => {
      const decoder = new FrameDecoder();
      const prefix = fromHex('8080808008'); // varint 2^31
      assertFails(() => decoder.push(prefix), FrameTooLargeError, /longer than 3 bytes/);
      assert.ok(decoder.bufferedBytes <= MAX_FRAME_PREFIX_BYTES);
    });

    it('refuses a length one above the limit as soon as its prefix is complete', () => {
      const decoder = new FrameDecoder();
      const prefix = encodeFrame(new Uint8Array(MAX_FRAME_BYTES)).subarray(0, 3);
      prefix[0] = prefix[0]! + 1;
      assertFails(() => decoder.push(prefix), FrameTooLargeError, /36865 bytes exceeds the 36864-byte limit/);
      assert.equal(decoder.bufferedBytes, 3);
    });

    it('refuses a prefix that arrives byte by byte the same way', () => {
      const decoder = new FrameDecoder();
      decoder.push(fromHex('ff'));
      decoder.push(fromHex('ff'));
      assertFails(() => decoder.push(fromHex('ff')), FrameTooLargeError, /longer than 3 bytes/);
    });

    it('refuses an empty frame and a non-minimal prefix', () => {
      assertFails(() => new FrameDecoder().push(fromHex('00')), WireDecodeError, /empty frame/);
      assertFails(() => new FrameDecoder().push(fromHex('8100aa')), WireDecodeError, /not minimal/);
      assertFails(() => new FrameDecoder().push(fromHex('808000')), WireDecodeError, /not minimal/);
    });

    it('reports a stream that ends inside a prefix or a payload', () => {
      for (const partial of ['80', '0501020304']) {
        const decoder = new FrameDecoder();
        assert.deepEqual(decoder.push(fromHex(partial)), []);
        assertFails(() => decoder.finish(), WireDecodeError, /stream ended inside a frame/);
      }
    });

    it('stays failed after an error', () => {
      const decoder = new FrameDecoder();
      assert.throws(() => decoder.push(fromHex('00')), WireDecodeError);
      assertFails(() => decoder.push(encodeFrame(fromHex('01'))), WireDecodeError, /empty frame/);
      assertFails(() => decoder.finish(), WireDecodeError, /empty frame/);
    });

    it('never holds more than one frame and its prefix', () => {
      fc.assert(
        fc.property(fc.array(payloadArbitrary, { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 10 }), (payloads, cuts) => {
          const decoder = new FrameDecoder();
          const largest = Math.max(0, ...payloads.map((payload) => payload.length));
          for (const chunk of split(concatBytes(...payloads.map(encodeFrame)), cuts)) {
            decoder.push(chunk);
            assert.ok(decoder.bufferedBytes < MAX_FRAME_PREFIX_BYTES + largest);
          }
        }),
      );
    });
  });

  describe('hostile streams', () => {
    /** Pushes every chunk, decodes every frame, then ends: only WireDecodeError may escape. */
    function consume(chunks: Uint8Array[]): void {
      const decoder = new FrameDecoder();
      try {
        for (const chunk of chunks) for (const frame of decoder.push(chunk)) decodeEnvelope(frame);
        decoder.finish();
      } catch (error) {
        assert.ok(error instanceof WireDecodeError, `threw ${String(error)}`);
        assert.ok(decoder.bufferedBytes <= MAX_FRAME_PREFIX_BYTES + MAX_FRAME_BYTES);
      }
    }

    it('random bytes only ever raise WireDecodeError', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => consume(split(bytes, cuts))),
        { numRuns: 5000 },
      );
    });

    it('mutated streams of valid frames only ever raise WireDecodeError', () => {
      const validStream = fc
        .array(envelopeArbitrary, { minLength: 1, maxLength: 3 })
        .map((envelopes) => concatBytes(...envelopes.map((envelope) => encodeFrame(encodeEnvelope(envelope)))));
      fc.assert(
        fc.property(mutatedArbitrary(validStream), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => consume(split(bytes, cuts))),
        { numRuns: 5000 },
      );
    });
  });
});
