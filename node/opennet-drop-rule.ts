/**
 * Which peer a full node gives up (spec/routing.md §9.4): the one that contributed least,
 * measured as successful requests routed through it per hour connected. Peers younger
 * than the grace period are never chosen: they have not had their chance yet.
 */
import type { PeerState } from './peers.js';

const HOUR_MS = 3_600_000;

/** Successes per hour connected; a peer connected for less than `graceMs` counts as connected for `graceMs`. */
export function peerScore(peer: PeerState, now: number, graceMs: number): number {
  return (peer.stats.successes * HOUR_MS) / Math.max(now - peer.connectedAt, graceMs, 1);
}

/** Orders peers best first: higher score, then longer connected, then smaller id. */
export function comparePeers(a: PeerState, b: PeerState, now: number, graceMs: number): number {
  return peerScore(b, now, graceMs) - peerScore(a, now, graceMs) || a.connectedAt - b.connectedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The peer to drop: the lowest score among those connected for at least `graceMs`; undefined if none is. */
export function worstPeer(peers: Iterable<PeerState>, now: number, graceMs: number): PeerState | undefined {
  let worst: PeerState | undefined;
  for (const peer of peers) {
    if (now - peer.connectedAt < graceMs) continue;
    if (worst === undefined || comparePeers(peer, worst, now, graceMs) > 0) worst = peer;
  }
  return worst;
}
