import assert from 'node:assert/strict';
import { WarrenError } from '../../../../protocol/errors.js';
import { ConnectionLimitError, HandshakeError, InvalidAddressError, SelfDialError, TransportNotStartedError } from '../../../../node/net/errors.js';

describe('transport errors', () => {
  it('have a stable name and code, and keep their cause', () => {
    const cause = new Error('inner');
    for (const [error, name, code] of [
      [new TransportNotStartedError({ cause }), 'TransportNotStartedError', 'ERR_TRANSPORT_NOT_STARTED'],
      [new InvalidAddressError('not a TCP address: /udp', { cause }), 'InvalidAddressError', 'ERR_INVALID_ADDRESS'],
      [new SelfDialError({ cause }), 'SelfDialError', 'ERR_SELF_DIAL'],
      [new ConnectionLimitError(64, { cause }), 'ConnectionLimitError', 'ERR_CONNECTION_LIMIT'],
      [new HandshakeError('Noise handshake failed', { cause }), 'HandshakeError', 'ERR_HANDSHAKE'],
    ] as const) {
      assert.ok(error instanceof WarrenError);
      assert.equal(error.name, name);
      assert.equal(error.code, code);
      assert.equal(error.cause, cause);
      assert.ok(String(error).startsWith(`${name}: `));
    }
    assert.equal(new ConnectionLimitError(64).maxConnections, 64);
  });
});
