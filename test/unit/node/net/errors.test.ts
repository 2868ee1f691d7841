import assert from 'node:assert/strict';
import { WarrenError } from '../../../../protocol/errors.js';
import {
  ConnectionLimitError,
  HandshakeError,
  HandshakeLimitError,
  InvalidAddressError,
  SelfDialError,
  TransportNotStartedError,
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
      [new HandshakeLimitError(8, '192.0.2.1', { cause }), 'HandshakeLimitError', 'ERR_HANDSHAKE_LIMIT'],
    ] as const) {
      assert.ok(error instanceof WarrenError);
      assert.equal(error.name, name);
      assert.equal(error.code, code);
      assert.equal(error.cause, cause);
      assert.ok(String(error).startsWith(`${name}: `));
    }
    assert.equal(new ConnectionLimitError(64).maxConnections, 64);
    assert.equal(new HandshakeLimitError(16).message, '16 handshakes already in progress');
    assert.equal(new HandshakeLimitError(8, '192.0.2.1').message, '8 handshakes already in progress from 192.0.2.1');
  });
});
