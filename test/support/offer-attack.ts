/**
 * Hostile offers over real TCP (test/adversarial/peer-offer.test.ts, bench/attack-connections.ts):
 * a data source that serves its blocks and follows each DataFound with a PeerOffer of its choosing,
 * a third party's listener that is no Warren node and counts who connects, and a spy on the
 * addresses a transport dials.
 *
 *   node ──DataRequest──> hostile source ──DataFound, PeerOffer{offer(i)}──> node ──dial?──> third party
 */
import { createServer } from 'node:net';
import { toHex } from '../../protocol/bytes.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import type { ChkBlock } from '../../protocol/keys/chk.js';
import type { NodeRef } from '../../protocol/wire/index.js';
import type { Transport } from '../../node/transport.js';
import { type RawPeer, rawDial } from './tcp-raw-peer.js';

/** A NodeRef with a valid proof (a fresh identity at `difficulty`) that lists `addresses`. */
export async function offeredNode(difficulty: number, addresses: readonly string[], identity?: NodeIdentity): Promise<NodeRef> {
  const { publicKey, nonce } = identity ?? (await mintIdentity({ difficulty }));
  return { publicKey, powNonce: nonce, addresses };
}

export interface HostileSource {
  readonly identity: NodeIdentity;
  readonly raw: RawPeer;
  /** PeerOffers sent so far. */
  readonly offersSent: () => number;
}

/**
 * Links to the node at `address` as a peer listing `addresses` in its Hello, and answers each
 * DataRequest for one of `blocks` with its DataFound, then `PeerOffer{offer(n)}` (n counting from 0);
 * any other with RouteNotFound, as a node with no other peer truly would.
 */
export async function hostileSource(
  address: string,
  difficulty: number,
  blocks: readonly ChkBlock[],
  offer: (index: number) => NodeRef,
  addresses: string[] = [],
): Promise<HostileSource> {
  const identity = await mintIdentity({ difficulty });
  const raw = await rawDial(identity, address);
  const byKey = new Map(blocks.map((chk) => [toHex(chk.routingKey), chk.block]));
  let offers = 0;
  raw.onEnvelope = ({ tx, body }) => {
    if (body.type !== 'dataRequest') return;
    const block = byKey.get(toHex(body.routingKey));
    if (block === undefined) return raw.send({ tx, body: { type: 'routeNotFound', htl: body.htl } });
    raw.send({ tx, body: { type: 'dataFound', block } });
    raw.send({ tx, body: { type: 'peerOffer', node: offer(offers++) } });
  };
  raw.sendHello(identity, addresses);
  return { identity, raw, offersSent: () => offers };
}

export interface ThirdParty {
  /** Its multiaddr, `/ip4/<host>/tcp/<port>`. */
  readonly address: string;
  /** Connections accepted so far (each closed at once). */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** A listener on `host` (any 127/8 address on Linux) that is no Warren node: it counts each connection and closes it. */
export async function thirdParty(host: string): Promise<ThirdParty> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    address: `/ip4/${host}/tcp/${port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Records the address of every dial `transport` is asked for, in order (the node's own transport object, patched). */
export function spyOnDials(transport: Transport): string[] {
  const dialled: string[] = [];
  const dial = transport.dial.bind(transport);
  transport.dial = (address, options) => {
    dialled.push(address);
    return dial(address, options);
  };
  return dialled;
}
