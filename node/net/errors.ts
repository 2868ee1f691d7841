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

/** The node that answered at a dialled address is not the one the dial expected (`DialOptions.peer`). */
export class UnexpectedPeerError extends WarrenError {
  readonly code = 'ERR_UNEXPECTED_PEER';
  constructor(
    readonly address: string,
    options?: ErrorOptions,
  ) {
    super(`another node than the one expected answered at ${address}`, options);
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
 * An accepted connection still in its handshake was closed to give its slot to a newer one: its
 * address range held its share of the slots, or every slot was taken (spec/wire.md §10.6).
 */
export class HandshakeLimitError extends WarrenError {
  readonly code = 'ERR_HANDSHAKE_LIMIT';
  constructor(
    readonly range: string,
    options?: ErrorOptions,
  ) {
    super(`handshake slot given to a newer connection (slots are bounded in all and per range; this one from ${range})`, options);
  }
}

/**
 * The link closed before the peer was verified: TCP or Noise failed, the handshake timed out,
 * or the peer's Hello was missing, malformed, or not a valid proof for the Noise key.
 */
export class HandshakeError extends WarrenError {
  readonly code = 'ERR_HANDSHAKE';
}

/** A node in darknet mode met a node that is not among its friends, right after the Noise handshake. */
export class NotAFriendError extends WarrenError {
  readonly code = 'ERR_NOT_A_FRIEND';
  constructor(options?: ErrorOptions) {
    super('this node connects only to its friends (darknet mode), and the other node is not one', options);
  }
}
