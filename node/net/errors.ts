/**
 * Why a link could not be opened. Each class has a stable `name` and `code`; a message
 * says what went wrong on the link, never anything a peer sent beyond its own failure.
 */
import { WarrenError } from '../../protocol/errors.js';

/** The transport is not started, or has been stopped. */
export class TransportNotStartedError extends WarrenError {
  readonly code = 'ERR_TRANSPORT_NOT_STARTED';
  constructor(options?: ErrorOptions) {
    super('the transport is not running', options);
  }
}

/** An address that is not a TCP multiaddr this transport can dial or listen on. */
export class InvalidAddressError extends WarrenError {
  readonly code = 'ERR_INVALID_ADDRESS';
}

/** The address leads back to this node. */
export class SelfDialError extends WarrenError {
  readonly code = 'ERR_SELF_DIAL';
  constructor(options?: ErrorOptions) {
    super('refusing to connect to this node itself', options);
  }
}

/** Every connection slot is taken. */
export class ConnectionLimitError extends WarrenError {
  readonly code = 'ERR_CONNECTION_LIMIT';
  constructor(
    readonly maxConnections: number,
    options?: ErrorOptions,
  ) {
    super(`all ${maxConnections} connection slots are in use`, options);
  }
}

/**
 * Too many accepted connections are still in their handshake, from everywhere (`address`
 * undefined) or from one IP address: the new one is closed before Noise.
 */
export class HandshakeLimitError extends WarrenError {
  readonly code = 'ERR_HANDSHAKE_LIMIT';
  constructor(
    readonly limit: number,
    readonly address?: string,
    options?: ErrorOptions,
  ) {
    super(`${limit} handshakes already in progress${address === undefined ? '' : ` from ${address}`}`, options);
  }
}

/**
 * The link closed before the peer was verified: TCP or Noise failed, the handshake timed out,
 * or the peer's Hello was missing, malformed, or not a valid proof for the Noise key.
 */
export class HandshakeError extends WarrenError {
  readonly code = 'ERR_HANDSHAKE';
}
