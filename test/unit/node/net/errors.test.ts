import assert from 'node:assert/strict';
import { WarrenError } from '../../../../protocol/errors.js';
import {
  ConnectionLimitError,
  HandshakeError,
  HandshakeLimitError,
  InvalidAddressError,
  SelfDialError,
  TransportNotStartedError,
  UnexpectedPeerError,
} from '../../../../node/net/errors.js';

describe('transport errors', () => {
  it('have a stable name and code, and keep their cause', () => {
    const cause = new Error('inner');
    for (const [error, name, code] of [
      [new TransportNotStartedError({ cause }), 'TransportNotStartedError', 'ERR_TRANSPORT_NOT_STARTED'],
      [new InvalidAddressError('not a TCP address: /udp', { cause }), 'InvalidAddressError', 'ERR_INVALID_ADDRESS'],
      [new SelfDialError({ cause }), 'SelfDialError', 'ERR_SELF_DIAL'],
      [new ConnectionLimitError(64, { cause }), 'ConnectionLimitError', 'ERR_CONNECTION_LIMIT'],
      [new HandshakeError('Noise handshake failed', { cause }), 'HandshakeError', 'ERR_HANDSHAKE'],
      [new HandshakeLimitError('ip4/192.0.2', { cause }), 'HandshakeLimitError', 'ERR_HANDSHAKE_LIMIT'],
      [new UnexpectedPeerError('/ip4/192.0.2.1/tcp/7400', { cause }), 'UnexpectedPeerError', 'ERR_UNEXPECTED_PEER'],
    ] as const) {
      assert.ok(error instanceof WarrenError);
      assert.equal(error.name, name);
      assert.equal(error.code, code);
      assert.equal(error.cause, cause);
      assert.ok(String(error).startsWith(`${name}: `));
    }
    assert.equal(new ConnectionLimitError(64).maxConnections, 64);
    assert.equal(
      new HandshakeLimitError('ip4/192.0.2').message,
      'handshake slot given to a newer connection (slots are bounded in all and per range; this one from ip4/192.0.2)',
    );
    assert.equal(new UnexpectedPeerError('/ip4/192.0.2.1/tcp/7400').address, '/ip4/192.0.2.1/tcp/7400');
  });
});
