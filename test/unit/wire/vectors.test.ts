import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../../protocol/bytes.js';
import { WireDecodeError } from '../../../protocol/errors.js';
import { decodeEnvelope, encodeEnvelope } from '../../../protocol/wire/envelope.js';
import { encodeFrame, FrameDecoder } from '../../../protocol/wire/frame.js';
import type { Envelope } from '../../../protocol/wire/messages.js';
import { envelopeFromJson, envelopeToJson, type EnvelopeJson } from '../../../spec/vectors/wire-json.js';
import { SAMPLE_MESSAGES } from './arbitraries.js';

interface WireVectors {
  vectors: { name: string; envelope: EnvelopeJson; frame: string }[];
  invalid: { name: string; stream: string; error: string }[];
}

const { vectors, invalid } = JSON.parse(readFileSync(new URL('../../../spec/vectors/wire.json', import.meta.url), 'utf8')) as WireVectors;

/** Everything a receiver does with a byte stream: deframe, decode each envelope, check the end. */
function receive(stream: Uint8Array): Envelope[] {
  const decoder = new FrameDecoder();
  const envelopes = decoder.push(stream).map((frame) => decodeEnvelope(frame));
  decoder.finish();
  return envelopes;
}

describe('spec/vectors/wire.json', () => {
  it('has a valid vector for every message type', () => {
    const types = new Set(vectors.map((vector) => vector.envelope.body['type']));
    for (const type of Object.keys(SAMPLE_MESSAGES)) assert.ok(types.has(type), `no vector for ${type}`);
  });

  describe('valid frames', () => {
    for (const vector of vectors) {
      it(vector.name, () => {
        const envelope = envelopeFromJson(vector.envelope);
        assert.equal(toHex(encodeFrame(encodeEnvelope(envelope))), vector.frame);
        const received = receive(fromHex(vector.frame));
        assert.equal(received.length, 1);
        assert.deepEqual(envelopeToJson(received[0]!), vector.envelope);
      });
    }
  });

  describe('streams a receiver must refuse', () => {
    for (const vector of invalid) {
      it(vector.name, () => {
        assert.throws(
          () => receive(fromHex(vector.stream)),
          (error: unknown) => {
            assert.ok(error instanceof WireDecodeError);
            assert.equal(error.name, vector.error);
            return true;
          },
        );
      });
    }
  });
});
