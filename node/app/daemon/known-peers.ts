/**
 * The peers a restart rejoins through (peers.json, data-dir.ts): the node's connected peers
 * (`Node.knownPeers()`, best first) ahead of those saved earlier and not connected now, so a
 * save while the node is alone never forgets where it could rejoin.
 *
 *   Node.knownPeers() ─┐
 *                      ├─> mergeKnownPeers ──> savePeers (peers.json) ──> loadPeers ──> Node.join
 *   saved earlier ─────┘
 */
import { toHex } from '../../../protocol/bytes.js';
import { MAX_ADDRESSES } from '../../../protocol/wire/index.js';
import type { NodeRef } from '../../../protocol/wire/messages.js';
import type { SavedPeer } from './data-dir.js';

/** Most peers kept in peers.json. */
export const MAX_SAVED_PEERS = 100;

/**
 * Connected peers first (in the node's order, `lastConnected` = now, keeping addresses saved
 * earlier after their own), then the earlier ones most recently connected first; at most
 * `MAX_SAVED_PEERS`.
 */
export function mergeKnownPeers(connected: readonly NodeRef[], saved: readonly SavedPeer[], now: Date): SavedPeer[] {
  const earlier = new Map(saved.map((peer) => [toHex(peer.node.publicKey), peer]));
  const lastConnected = now.toISOString();
  const current = connected.map((node): SavedPeer => {
    const id = toHex(node.publicKey);
    const previous = earlier.get(id)?.node.addresses ?? [];
    earlier.delete(id);
    return { node: { ...node, addresses: [...new Set([...node.addresses, ...previous])].slice(0, MAX_ADDRESSES) }, lastConnected };
  });
  const rest = [...earlier.values()].sort((a, b) => b.lastConnected.localeCompare(a.lastConnected));
  return [...current, ...rest].slice(0, MAX_SAVED_PEERS);
}
