/**
 * Lingering close (RFC 9112 §9.6) for an answer given before its request's body has all arrived: an insert
 * that failed at its first block, a body refused as too large, a refused caller. Closing at once would
 * leave the unread body in the socket and reset the connection, and a reset can reach the client before
 * the answer does. So the rest of the body is read and dropped for at most LINGER_MS: a body that ends in
 * that time leaves the connection open for the next request; one that does not is cut off then.
 *
 *   ApiServer.answerError / GatewayServer.handle ──answer──> discardRestOfBody ──LINGER_MS──> socket closed
 */
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../components.js';

/** How long the rest of an answered request's body is read and dropped before its connection is closed. */
export const LINGER_MS = 2_000;

/** Reads and drops what is left of `request`'s body, closing its connection if the body has not ended within LINGER_MS. */
export function discardRestOfBody(request: IncomingMessage, clock: Clock): void {
  if (request.complete || request.destroyed) return;
  const timer = clock.setTimer(LINGER_MS, () => request.socket.destroy());
  request.once('end', () => timer.cancel());
  request.once('close', () => timer.cancel());
  request.resume();
}
