/**
 * The peers a restart can rejoin through: those saved in peers.json plus every peer
 * connected since, seen through a thin wrapper around the transport (the node itself
 * keeps no NodeRefs). `snapshot()` is what data-dir.ts `savePeers` writes.
 *
 *   Transport.start handlers ──peerConnected──> KnownPeers (NodeRef, time) ──> Node
 *   Transport.dial(address) ──resolved──> KnownPeers (the address that reached the peer)
 */
import { toHex } from '../../protocol/bytes.js';
import { MAX_ADDRESSES } from '../../protocol/wire/index.js';
import type { ConnectedPeer, PeerId, Transport } from '../transport.js';
import type { SavedPeer } from './data-dir.js';

/** Most peers kept in peers.json; the most recently connected win. */
export const MAX_SAVED_PEERS = 100;

export class KnownPeers {
  private readonly peers = new Map<PeerId, SavedPeer>();

  constructor(
    saved: readonly SavedPeer[],
    /** Wall-clock time for `lastConnected`. */
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const peer of saved) this.peers.set(toHex(peer.node.publicKey), peer);
  }

  /** The transport, reporting each verified peer and each dialled address here first. */
  observe(transport: Transport): Transport {
    const record = (peer: ConnectedPeer, dialled?: string): void => this.record(peer, dialled);
    return {
      get addresses() {
        return transport.addresses;
      },
      start: (handlers) =>
        transport.start({
          ...handlers,
          peerConnected: (peer) => {
            record(peer);
            handlers.peerConnected(peer);
          },
        }),
      stop: () => transport.stop(),
      dial: async (address, options) => {
        const peer = await transport.dial(address, options);
        record(peer, address);
        return peer;
      },
      send: (peerId, envelope) => transport.send(peerId, envelope),
      disconnect: (peerId, reason) => transport.disconnect(peerId, reason),
    };
  }

  /** Every known peer, most recently connected first, at most `MAX_SAVED_PEERS`. */
  snapshot(): SavedPeer[] {
    return [...this.peers.values()].sort((a, b) => b.lastConnected.localeCompare(a.lastConnected)).slice(0, MAX_SAVED_PEERS);
  }

  private record(peer: ConnectedPeer, dialled: string | undefined): void {
    const previous = this.peers.get(peer.id)?.node.addresses ?? [];
    // The address that reached the peer first: what it announces may be a wildcard or unreachable.
    const addresses = [...new Set([...(dialled === undefined ? [] : [dialled]), ...peer.node.addresses, ...previous])].slice(0, MAX_ADDRESSES);
    this.peers.set(peer.id, { node: { ...peer.node, addresses }, lastConnected: this.now().toISOString() });
  }
}
