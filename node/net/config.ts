/**
 * The TCP transport's settings (spec/wire.md §10.5), with their defaults resolved once.
 */
import { assertPowDifficulty } from '../../protocol/identity-proof.js';
import { MAX_FRAME_BYTES, MAX_FRAME_PREFIX_BYTES } from '../../protocol/wire/index.js';

export interface TcpTransportInit {
  /** Multiaddrs to listen on, e.g. `/ip4/0.0.0.0/tcp/9301`; port 0 picks a free port. Default: none (dial only). */
  readonly listen?: readonly string[];
  /** Leading zero bits every peer's identity proof must have: the network's difficulty. */
  readonly powDifficulty: number;
  /** Most connections at once, in and out, verified or not; beyond it accepts are closed at once. Default 64. */
  readonly maxConnections?: number;
  /**
   * Most accepted connections at once that have not yet reached a verified Hello (handshake slots);
   * a newcomer beyond it evicts a random one among the oldest half of the largest range's (see
   * handshake-slots.ts), so that peers stalling their handshakes never keep anyone out. Default 32
   * (half of `maxConnections`).
   */
  readonly maxPendingHandshakes?: number;
  /**
   * The share of those slots connections from one address range (an IPv4 /24, an IPv6 /48) hold at
   * most; a newcomer beyond it evicts one of its own range's oldest. Default 8 (a quarter of `maxPendingHandshakes`).
   */
  readonly maxPendingHandshakesPerRange?: number;
  /**
   * Connections one address range (an IPv4 /24, an IPv6 /48) may open per second, sustained; beyond
   * its budget an accepted connection is closed at once (accept-budget.ts). Default 20: four times
   * what a range holding its handshake share with silent connections opens (8 every 3 s timeout).
   */
  readonly acceptsPerRangePerSecond?: number;
  /** The connections a range may open at once before its per-second budget applies. Default 40. */
  readonly acceptBurstPerRange?: number;
  /**
   * Most bytes waiting to be written to one peer. A `send` that would exceed it returns false
   * and disconnects the peer as a slow reader. Default 1 MiB (32 full blocks).
   */
  readonly sendQueueBytes?: number;
  /**
   * Time from accept to a verified Hello, covering Noise and Hello: how long a silent connection
   * holds its handshake slot. Default 3 s: ten times the slowest honest handshake measured on a
   * loaded 2-core machine over loopback (300 ms; 40 ms typical), and three round trips of 1 s.
   */
  readonly handshakeTimeoutMs?: number;
  /**
   * Time from starting a dial to a verified Hello, covering TCP connect, Noise and Hello. Default
   * 10 s: a dial holds no slot of anyone's, and a node under a connection flood may take a while to
   * accept it (its kernel queues the connection behind the flood's).
   */
  readonly dialTimeoutMs?: number;
  /** How long `disconnect` waits for queued frames to be written before dropping them. Default 5 s. */
  readonly closeTimeoutMs?: number;
  /** Closes a link with no traffic either way for this long; 0 never does. Default 0: liveness is the node's concern. */
  readonly idleTimeoutMs?: number;
}

export type TcpTransportConfig = Required<TcpTransportInit>;

export const TCP_TRANSPORT_DEFAULTS = {
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
} as const satisfies Omit<TcpTransportConfig, 'powDifficulty'>;

/** Fills in the defaults; throws RangeError for a value no transport could work with. */
export function resolveTcpTransportInit(init: TcpTransportInit): TcpTransportConfig {
  assertPowDifficulty(init.powDifficulty);
  const config: TcpTransportConfig = { ...TCP_TRANSPORT_DEFAULTS, ...init };
  for (const [name, minimum] of [
    ['maxConnections', 1],
    ['maxPendingHandshakes', 1],
    ['maxPendingHandshakesPerRange', 1],
    ['acceptsPerRangePerSecond', 1],
    ['acceptBurstPerRange', 1],
    // One full frame must fit, or a block could never be sent.
    ['sendQueueBytes', MAX_FRAME_PREFIX_BYTES + MAX_FRAME_BYTES],
    ['handshakeTimeoutMs', 1],
    ['dialTimeoutMs', 1],
    ['closeTimeoutMs', 0],
    ['idleTimeoutMs', 0],
  ] as const) {
    const value = config[name];
    if (!Number.isSafeInteger(value) || value < minimum) throw new RangeError(`${name} must be an integer ≥ ${minimum}, got ${value}`);
  }
  return config;
}
