/**
 * The fields that let one request be followed through every node's log (ARCHITECTURE §5.10):
 *
 *   tx    the transaction id, 16 hex digits: the same at every hop of a request, insert or announcement
 *   key   the routing key's first 4 bytes, 8 hex digits
 *   peer  the peer the line is about, the first 8 hex digits of its public key: the one a message went
 *         to or came from, or for a line about a whole tx the one it came from (`origin: local` when
 *         the tx is the local user's own)
 *   node  (bound by whoever builds the node's logger) the node writing the line, in the same form
 *
 * They are built only for lines that are written: `enabled(logger, level)?.debug(fields…)` evaluates
 * nothing when the level is off, so the simulator's silent logger costs a call and a comparison.
 */
import { toHex } from '../protocol/bytes.js';
import type { Logger, LogLevel } from './components.js';
import type { PeerId } from './transport.js';

export type RequestFields = { readonly tx: string; readonly key: string } & ({ readonly peer: string } | { readonly origin: 'local' });

/** `logger` when it writes lines of `level`, else undefined. */
export function enabled(logger: Logger, level: LogLevel): Logger | undefined {
  return logger.isLevelEnabled(level) ? logger : undefined;
}

export function txText(tx: bigint): string {
  return tx.toString(16).padStart(16, '0');
}

export function peerText(peer: PeerId): string {
  return peer.slice(0, 8);
}

export function keyText(routingKey: Uint8Array): string {
  return toHex(routingKey.subarray(0, 4));
}

/** `tx`, `key` and `peer`; `origin: local` instead of a peer for the local user's own request. */
export function requestFields(tx: bigint, routingKey: Uint8Array, peer: PeerId | undefined): RequestFields {
  const tx16 = txText(tx);
  const key = keyText(routingKey);
  return peer === undefined ? { tx: tx16, key, origin: 'local' } : { tx: tx16, key, peer: peerText(peer) };
}
