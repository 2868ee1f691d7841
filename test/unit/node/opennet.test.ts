import assert from 'node:assert/strict';
import { toHex } from '../../../protocol/bytes.js';
import { checkIdentityProof } from '../../../protocol/identity.js';
import { mintIdentity } from '../../../protocol/identity-mint.js';
import type { NodeRef } from '../../../protocol/wire/messages.js';
import { silentLogger } from '../../../node/components.js';
import { NoPeersError } from '../../../node/errors.js';
import { type FriendSet, NO_FRIENDS } from '../../../node/friends.js';
import { Opennet, type OpennetInit } from '../../../node/opennet.js';
import { PeerTable } from '../../../node/peers.js';
import type { ConnectedPeer, Transport } from '../../../node/transport.js';
import { VirtualClock } from '../../../sim/clock.js';
import { SeededRng } from '../../../sim/rng.js';

const MINUTE = 60_000;

function nodeRef(index: number, address: string): NodeRef {
  const publicKey = new Uint8Array(32);
  publicKey[0] = index + 1;
  return { publicKey, powNonce: new Uint8Array(8), addresses: [address] };
}

function connected(node: NodeRef, remoteAddress?: string): ConnectedPeer {
  return { id: toHex(node.publicKey), location: 0.5, node, ...(remoteAddress === undefined ? {} : { remoteAddress }) };
}

/** An Opennet over a PeerTable and a transport that links every dial of a listed address at once (of the expected node, if one is). */
function setUp(init: OpennetInit = {}, reachable: readonly NodeRef[] = [], friends: FriendSet = NO_FRIENDS) {
  const clock = new VirtualClock();
  const rng = new SeededRng('opennet');
  const peers = new PeerTable({ clock, rng });
  const disconnected: string[] = [];
  const dialled: string[] = [];
  const expected: Array<string | undefined> = [];
  let announcements = 0;
  const transport: Transport = {
    addresses: ['/ip4/203.0.113.1/tcp/9301'],
    start: async () => undefined,
    stop: async () => undefined,
    dial: async (address, options) => {
      dialled.push(address);
      expected.push(options?.peer);
      const node = reachable.find(({ addresses }) => addresses.includes(address));
      if (node === undefined) throw new Error(`nobody at ${address}`);
      if (options?.peer !== undefined && options.peer !== toHex(node.publicKey)) throw new Error(`another node at ${address}`);
      const peer = connected(node);
      if (peers.get(peer.id) === undefined) opennet.peerConnected(peers.add(peer));
      return peer;
    },
    send: () => true,
    sendQueue: () => undefined,
    disconnect: (id) => {
      disconnected.push(id);
      peers.remove(id);
    },
  };
  const announce = async (): Promise<number> => {
    announcements++;
    return 0;
  };
  const opennet: Opennet = new Opennet({ clock, rng, peers, friends, transport, logger: silentLogger, announce }, { powDifficulty: 0, ...init });
  const link = (node: NodeRef, remoteAddress?: string) => opennet.peerConnected(peers.add(connected(node, remoteAddress)));
  return { clock, peers, opennet, link, disconnected, dialled, expected, announcements: () => announcements };
}

describe('node/opennet', () => {
  it('verifies an offered proof at the network difficulty and derives the location from it', async () => {
    const identity = await mintIdentity({ difficulty: 8, seed: new Uint8Array(32).fill(7) });
    const { opennet } = setUp({ powDifficulty: 8 });
    const valid: NodeRef = { publicKey: identity.publicKey, powNonce: identity.nonce, addresses: ['/ip4/192.0.2.1/tcp/1'] };
    assert.equal(opennet.verify(valid)?.location, identity.location);
    const wrongNonce = Uint8Array.from(identity.nonce);
    wrongNonce[7]! ^= 1;
    assert.equal(checkIdentityProof({ publicKey: identity.publicKey, nonce: wrongNonce }, 8).valid, false);
    assert.equal(opennet.verify({ ...valid, powNonce: wrongNonce }), undefined);
    assert.equal(opennet.verify({ ...valid, publicKey: new Uint8Array(31) }), undefined);
  });

  it('disconnects a peer once it has sent too many NodeRefs that do not verify', () => {
    const { opennet, link, disconnected } = setUp({ invalidOfferLimit: 3 });
    const sender = nodeRef(1, '/memory/1');
    link(sender);
    opennet.recordInvalidOffer(toHex(sender.publicKey));
    opennet.recordInvalidOffer(toHex(sender.publicKey));
    assert.deepEqual(disconnected, []);
    opennet.recordInvalidOffer(toHex(sender.publicKey));
    assert.deepEqual(disconnected, [toHex(sender.publicKey)]);
  });

  it('wants at most two peers per IPv4 /24, and any number on loopback', () => {
    const { opennet, link } = setUp();
    link(nodeRef(1, '/ip4/192.0.2.1/tcp/1'));
    link(nodeRef(2, '/ip4/192.0.2.2/tcp/1'));
    link(nodeRef(3, '/ip4/127.0.0.1/tcp/1'));
    link(nodeRef(4, '/ip4/127.0.0.1/tcp/2'));
    const wants = (node: NodeRef) => opennet.wants(opennet.verify(node)!);
    assert.equal(wants(nodeRef(5, '/ip4/192.0.2.3/tcp/1')), false);
    assert.equal(wants(nodeRef(5, '/ip4/192.0.3.3/tcp/1')), true);
    assert.equal(wants(nodeRef(5, '/ip4/127.0.0.1/tcp/3')), true);
    assert.equal(wants(nodeRef(1, '/ip4/198.51.100.1/tcp/1')), false, 'already a peer');
  });

  it('disconnects a peer that connects into a full /24', () => {
    const { link, disconnected } = setUp({ maxPeersPerRange: 1 });
    link(nodeRef(1, '/ip4/192.0.2.1/tcp/1'));
    link(nodeRef(2, '/ip6/2001:db8:1::1/tcp/1'));
    link(nodeRef(3, '/ip4/192.0.2.9/tcp/1'));
    link(nodeRef(4, '/ip6/2001:db8:1:ff::1/tcp/1'));
    assert.deepEqual(disconnected, [toHex(nodeRef(3, '').publicKey), toHex(nodeRef(4, '').publicKey)]);
  });

  it('when full, takes a new peer in place of one past its grace period, at most once a replacement interval', async () => {
    const { opennet, link, clock, peers } = setUp({ maxPeers: 2, peerGraceMs: 5 * MINUTE, replacementIntervalMs: MINUTE });
    link(nodeRef(1, '/memory/1'));
    link(nodeRef(2, '/memory/2'));
    const candidate = opennet.verify(nodeRef(3, '/memory/3'))!;
    assert.equal(opennet.wants(candidate), false, 'both peers are young');
    assert.equal(opennet.claimPlace(), false);
    await clock.advance(5 * MINUTE);
    for (const peer of peers) peers.recordSuccess(peer);
    assert.equal(opennet.wants(candidate), true, 'a peer past its grace period can make room, successes or not');
    assert.equal(opennet.claimPlace(), true);
    assert.equal(opennet.wants(candidate), false, 'the replacement is claimed: none more within the interval');
    assert.equal(opennet.claimPlace(), false);
    await clock.advance(MINUTE);
    assert.equal(opennet.wants(candidate), true, 'the interval is over');
  });

  it('below maxPeers, claims a place without spending the replacement interval', async () => {
    const { opennet, link, clock } = setUp({ maxPeers: 3, peerGraceMs: MINUTE, replacementIntervalMs: 10 * MINUTE });
    link(nodeRef(1, '/memory/1'));
    link(nodeRef(2, '/memory/2'));
    await clock.advance(MINUTE);
    assert.equal(opennet.claimPlace(), true);
    assert.equal(opennet.claimPlace(), true, 'room below the limit is not a replacement');
    link(nodeRef(3, '/memory/3'));
    assert.equal(opennet.claimPlace(), true, 'full now: the first replacement');
    assert.equal(opennet.claimPlace(), false);
  });

  it('beyond maxPeers drops the worst peer past its grace period, and beyond the overflow the newcomer', async () => {
    const { link, clock, peers, disconnected } = setUp({ maxPeers: 2, peerOverflow: 1, peerGraceMs: 5 * MINUTE });
    link(nodeRef(1, '/memory/1'));
    link(nodeRef(2, '/memory/2'));
    link(nodeRef(3, '/memory/3'));
    assert.deepEqual(disconnected, [], 'all young: tolerated up to the overflow');
    link(nodeRef(4, '/memory/4'));
    assert.deepEqual(disconnected, [toHex(nodeRef(4, '').publicKey)]);
    await clock.advance(5 * MINUTE);
    peers.recordSuccess(peers.get(toHex(nodeRef(1, '').publicKey))!);
    peers.recordSuccess(peers.get(toHex(nodeRef(3, '').publicKey))!);
    link(nodeRef(5, '/memory/5'));
    // Four peers for a limit of two: 2 (no success) goes, then of 1 and 3 (one success each, same age) the larger id.
    assert.deepEqual(disconnected.slice(1), [toHex(nodeRef(2, '').publicKey), toHex(nodeRef(3, '').publicKey)]);
    assert.deepEqual(
      [...peers].map(({ node }) => node.addresses[0]),
      ['/memory/1', '/memory/5'],
    );
  });

  it('keeps its friends beside the opennet peers: not counted, never dropped or replaced, never saved', async () => {
    const friendRefs = [1, 2, 3].map((index) => nodeRef(index, `/ip4/192.0.2.${index}/tcp/1`));
    const friendIds = new Set(friendRefs.map(({ publicKey }) => toHex(publicKey)));
    const { opennet, link, clock, peers, disconnected } = setUp(
      { maxPeers: 2, peerOverflow: 0, maxPeersPerRange: 2, peerGraceMs: 5 * MINUTE, replacementIntervalMs: MINUTE },
      [],
      { has: (peer) => friendIds.has(peer) },
    );
    // Three friends in one /24 and two strangers: the friends are beyond the range limit and the peer limit, and stay.
    for (const friend of friendRefs) link(friend);
    link(nodeRef(4, '/memory/4'));
    link(nodeRef(5, '/memory/5'));
    assert.deepEqual(disconnected, []);
    assert.equal(opennet.hasRoom(), false, 'two strangers fill the opennet limit of two');
    link(nodeRef(6, '/memory/6'));
    assert.deepEqual(disconnected, [toHex(nodeRef(6, '').publicKey)], 'a third stranger is beyond the limit');
    await clock.advance(5 * MINUTE);
    peers.recordSuccess(peers.get(toHex(nodeRef(4, '').publicKey))!);
    peers.recordSuccess(peers.get(toHex(nodeRef(5, '').publicKey))!);
    // The friends have no success and are the oldest, yet the replacement takes a stranger's place.
    assert.equal(opennet.claimPlace(), true);
    link(nodeRef(7, '/memory/7'));
    assert.deepEqual(disconnected.slice(1), [toHex(nodeRef(5, '').publicKey)]);
    assert.equal([...peers].filter(({ id }) => friendIds.has(id)).length, 3, 'every friend stays');
    assert.deepEqual(
      opennet.knownPeers().map(({ addresses }) => addresses[0]),
      ['/memory/4', '/memory/7'],
    );
  });

  it('lists known peers best first', async () => {
    const { opennet, link, clock, peers } = setUp();
    for (const index of [1, 2, 3]) link(nodeRef(index, `/memory/${index}`));
    await clock.advance(MINUTE);
    peers.recordSuccess(peers.get(toHex(nodeRef(3, '').publicKey))!);
    assert.deepEqual(
      opennet.knownPeers().map(({ addresses }) => addresses[0]),
      ['/memory/3', '/memory/1', '/memory/2'],
    );
  });

  it('resets a path-folding offer with the configured probability', () => {
    const { opennet } = setUp({ foldResetProbability: 0.07 });
    let resets = 0;
    for (let draw = 0; draw < 10_000; draw++) if (opennet.drawReset()) resets++;
    assert.ok(resets > 620 && resets < 780, `${resets} resets in 10,000`);
    assert.equal(setUp({ foldResetProbability: 0 }).opennet.drawReset(), false);
  });

  it('takes a passing path-folding offer with the configured probability', () => {
    const { opennet } = setUp({ foldTakeProbability: 0.3 });
    let takes = 0;
    for (let draw = 0; draw < 10_000; draw++) if (opennet.drawTake()) takes++;
    assert.ok(takes > 2_850 && takes < 3_150, `${takes} takes in 10,000`);
    assert.equal(setUp({ foldTakeProbability: 0 }).opennet.drawTake(), false);
  });

  it('dials an offered node only at addresses the offering link allows, at most two, expecting its key', async () => {
    const offered = nodeRef(2, '/ip4/203.0.113.6/tcp/7400');
    const { opennet, link, dialled, expected, peers } = setUp({}, [offered]);
    const sender = nodeRef(1, '/ip4/198.51.100.7/tcp/7400');
    link(sender, '/ip4/198.51.100.7/tcp/40000');
    const listed = [
      '/ip4/127.0.0.1/tcp/22',
      '/ip4/10.0.0.1/tcp/22',
      '/ip4/192.168.1.1/tcp/80',
      '/ip4/169.254.169.254/tcp/80',
      '/ip4/224.0.0.1/tcp/1',
      '/ip4/0.0.0.0/tcp/1',
      '/dns4/localhost/tcp/22',
      '/ip6/::1/tcp/22',
      '/ip6/fe80::1/tcp/22',
      '/ip4/203.0.113.5/tcp/7400',
      '/ip4/203.0.113.6/tcp/7400',
      '/ip4/203.0.113.7/tcp/7400',
    ];
    const candidate = opennet.verify({ ...offered, addresses: listed })!;
    assert.equal(await opennet.considerOffer(candidate, toHex(sender.publicKey)), true);
    assert.deepEqual(dialled, ['/ip4/203.0.113.5/tcp/7400', '/ip4/203.0.113.6/tcp/7400']);
    assert.deepEqual(expected, [candidate.id, candidate.id]);
    assert.ok(peers.get(candidate.id) !== undefined);
  });

  it('dials offered private and loopback addresses only within the range of a link on that network', async () => {
    const offered = nodeRef(2, '/ip4/127.0.0.1/tcp/7401');
    const { opennet, link, dialled } = setUp({}, [offered]);
    const sender = nodeRef(1, '/ip4/127.0.0.1/tcp/7400');
    link(sender, '/ip4/127.0.0.1/tcp/40000');
    const candidate = opennet.verify({ ...offered, addresses: ['/ip4/127.0.1.1/tcp/7401', '/ip4/10.0.0.1/tcp/7401', '/ip4/127.0.0.1/tcp/7401'] })!;
    assert.equal(await opennet.considerOffer(candidate, toHex(sender.publicKey)), true);
    assert.deepEqual(dialled, ['/ip4/127.0.0.1/tcp/7401']);
  });

  it('without the link’s address, judges an offer by the first address its sender lists', async () => {
    const offered = nodeRef(2, '/memory/2');
    const { opennet, link, dialled } = setUp({}, [offered]);
    link(nodeRef(1, '/memory/1'));
    link(nodeRef(3, '/ip4/198.51.100.7/tcp/7400'));
    assert.equal(await opennet.considerOffer(opennet.verify(offered)!, toHex(nodeRef(3, '').publicKey)), false);
    assert.equal(await opennet.considerOffer(opennet.verify(offered)!, toHex(nodeRef(1, '').publicKey)), true);
    assert.deepEqual(dialled, ['/memory/2']);
  });

  it('dials offered addresses within the per-peer budget, each once a window', async () => {
    const offered = Array.from({ length: 6 }, (_, index) => nodeRef(10 + index, `/ip4/203.0.113.${10 + index}/tcp/7400`));
    const { opennet, link, dialled, clock, disconnected } = setUp({ offerDialsPerPeerPerMinute: 2, offerAddressWindowMs: 10 * MINUTE }, []);
    const sender = nodeRef(1, '/ip4/198.51.100.7/tcp/7400');
    link(sender, '/ip4/198.51.100.7/tcp/40000');
    const from = toHex(sender.publicKey);
    for (const node of offered) assert.equal(await opennet.considerOffer(opennet.verify(node)!, from), false);
    assert.deepEqual(dialled, ['/ip4/203.0.113.10/tcp/7400', '/ip4/203.0.113.11/tcp/7400'], 'two a minute from one peer');
    await clock.advance(MINUTE);
    // The same address offered again (under another key) within the window is not dialled again.
    assert.equal(await opennet.considerOffer(opennet.verify({ ...offered[5]!, addresses: ['/ip4/203.0.113.10/tcp/7400'] })!, from), false);
    assert.equal(await opennet.considerOffer(opennet.verify(offered[2]!)!, from), false);
    assert.deepEqual(dialled.slice(2), ['/ip4/203.0.113.12/tcp/7400']);
    assert.deepEqual(disconnected, []);
  });

  it('keeps of a node’s offer of itself only its addresses at its link’s host', () => {
    const { opennet, link } = setUp();
    const sender = nodeRef(1, '/ip4/198.51.100.7/tcp/7400');
    link(sender, '/ip4/198.51.100.7/tcp/40000');
    const from = toHex(sender.publicKey);
    const self = opennet.verify({ ...sender, addresses: ['/ip4/203.0.113.9/tcp/80', '/ip4/198.51.100.7/tcp/7400', '/ip4/10.0.0.1/tcp/7400'] })!;
    assert.deepEqual(opennet.vetOffer(self, from)?.node.addresses, ['/ip4/198.51.100.7/tcp/7400']);
    assert.equal(opennet.vetOffer(opennet.verify({ ...sender, addresses: ['/ip4/203.0.113.9/tcp/80'] })!, from), undefined);
    const other = opennet.verify(nodeRef(2, '/ip4/203.0.113.9/tcp/80'))!;
    assert.equal(opennet.vetOffer(other, from), other, 'an offer of another node is judged when it is dialled');
    link(nodeRef(3, '/memory/3'));
    const memory = opennet.verify(nodeRef(3, '/memory/3'))!;
    assert.equal(opennet.vetOffer(memory, toHex(memory.node.publicKey)), memory, 'no link address known: nothing to check against');
  });

  it('joins through saved peers first and leaves the seeds alone when they are enough', async () => {
    const saved = [nodeRef(1, '/memory/1'), nodeRef(2, '/memory/2')];
    const seed = nodeRef(9, '/memory/9');
    const { opennet, dialled, announcements } = setUp({ minPeers: 2 }, [...saved, seed]);
    assert.deepEqual(await opennet.join({ peers: saved, seeds: ['/memory/9'] }), { connected: 2, offers: 0 });
    assert.deepEqual(dialled, ['/memory/1', '/memory/2']);
    assert.equal(announcements(), 1);
  });

  it('tells the caller once linked, before announcing, so peers can be saved early', async () => {
    const saved = [nodeRef(1, '/memory/1')];
    const { opennet, announcements } = setUp({ minPeers: 1 }, saved);
    const linkedBeforeAnnouncing: number[] = [];
    await opennet.join({ peers: saved, onLinked: () => linkedBeforeAnnouncing.push(announcements()) });
    assert.deepEqual(linkedBeforeAnnouncing, [0]);
    let called = false;
    await setUp().opennet.join({ onLinked: () => (called = true) });
    assert.equal(called, false, 'a node alone is not linked');
  });

  it('dials the seeds when saved peers are too few, and fails with NoPeersError when nothing answers', async () => {
    const seed = nodeRef(9, '/memory/9');
    const first = setUp({ minPeers: 2 }, [seed]);
    assert.deepEqual(await first.opennet.join({ peers: [nodeRef(1, '/memory/1')], seeds: ['/memory/9'] }), { connected: 1, offers: 0 });
    assert.deepEqual(first.dialled, ['/memory/1', '/memory/9']);
    await assert.rejects(setUp().opennet.join({ seeds: ['/memory/8'] }), NoPeersError);
    assert.deepEqual(await setUp().opennet.join({}), { connected: 0, offers: 0 }, 'the first node of a network joins alone');
  });

  it('announces again on its timer while short of peers, and stops the timer when stopped', async () => {
    const seed = nodeRef(9, '/memory/9');
    const { opennet, clock, announcements } = setUp({ minPeers: 3, maintenanceIntervalMs: MINUTE }, [seed]);
    await opennet.join({ seeds: ['/memory/9'] });
    assert.equal(announcements(), 1);
    await clock.advance(3 * MINUTE);
    assert.equal(announcements(), 4);
    opennet.stop();
    assert.equal(clock.pendingTimers, 0);
  });
});
