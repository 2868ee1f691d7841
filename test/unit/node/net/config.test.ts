import assert from 'node:assert/strict';
import { resolveTcpTransportInit, TCP_TRANSPORT_DEFAULTS } from '../../../../node/net/config.js';

describe('TCP transport settings', () => {
  it('fills in the documented defaults', () => {
    assert.deepEqual(resolveTcpTransportInit({ powDifficulty: 24 }), {
      powDifficulty: 24,
      listen: [],
      maxConnections: 64,
      maxPendingHandshakes: 32,
      maxPendingHandshakesPerRange: 8,
      acceptsPerRangePerSecond: 20,
      acceptBurstPerRange: 40,
      sendQueueBytes: 1024 * 1024,
      handshakeTimeoutMs: 3_000,
      dialTimeoutMs: 10_000,
      closeTimeoutMs: 5_000,
      idleTimeoutMs: 0,
    });
    assert.equal(TCP_TRANSPORT_DEFAULTS.sendQueueBytes, 1 << 20);
  });

  it('keeps what is given', () => {
    const init = {
      powDifficulty: 8,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      maxConnections: 3,
      maxPendingHandshakes: 2,
      maxPendingHandshakesPerRange: 1,
      acceptsPerRangePerSecond: 3,
      acceptBurstPerRange: 4,
      sendQueueBytes: 65536,
      handshakeTimeoutMs: 1,
      dialTimeoutMs: 2,
      closeTimeoutMs: 0,
      idleTimeoutMs: 60_000,
    };
    assert.deepEqual(resolveTcpTransportInit(init), init);
  });

  for (const [name, init, message] of [
    ['a difficulty outside 0..64', { powDifficulty: 65 }, /difficulty/],
    ['no connection at all', { powDifficulty: 8, maxConnections: 0 }, /maxConnections must be an integer ≥ 1/],
    ['no handshake at all', { powDifficulty: 8, maxPendingHandshakes: 0 }, /maxPendingHandshakes must be an integer ≥ 1/],
    ['no handshake from any one range', { powDifficulty: 8, maxPendingHandshakesPerRange: 0.5 }, /maxPendingHandshakesPerRange must be an integer ≥ 1/],
    ['no connection from any one range', { powDifficulty: 8, acceptsPerRangePerSecond: 0 }, /acceptsPerRangePerSecond must be an integer ≥ 1/],
    ['a queue smaller than one full frame', { powDifficulty: 8, sendQueueBytes: 36866 }, /sendQueueBytes must be an integer ≥ 36867/],
    ['a fractional timeout', { powDifficulty: 8, handshakeTimeoutMs: 1.5 }, /handshakeTimeoutMs/],
    ['a negative idle timeout', { powDifficulty: 8, idleTimeoutMs: -1 }, /idleTimeoutMs/],
  ] as const) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => resolveTcpTransportInit(init),
        (error) => error instanceof RangeError && message.test(error.message),
      );
    });
  }
});
