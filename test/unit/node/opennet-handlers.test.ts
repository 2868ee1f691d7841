import assert from 'node:assert/strict';
import { toHex } from '../../../protocol/bytes.js';
import { checkIdentityProof } from '../../../protocol/identity.js';
import { circularDistance } from '../../../protocol/location.js';
import type { Envelope, NodeRef } from '../../../protocol/wire/messages.js';
import type { FriendSet } from '../../../node/friends.js';
import { Node, type NodeInit } from '../../../node/node.js';
import { VirtualClock } from '../../../sim/clock.js';
import { MemoryNetwork } from '../../../sim/memory-network.js';
import { SeededRng } from '../../../sim/rng.js';
import { HTL_POLICY_V1, HTL_POLICY_V2, MAX_HTL, topGreedyHtl } from '../../../node/htl.js';
import { encodeChk } from '../../../protocol/keys/chk.js';
import { chkNear } from '../../support/node-fixtures.js';
import { DEFAULT_ANNOUNCE_OFFER_HOPS } from '../../../node/opennet.js';
import { drawPublicKey, type OpennetMember, startOpennetNode } from '../../../sim/grown-opennet.js';
import { useTeardown } from '../../support/teardown.js';
import { MemoryBlockStore } from '../../../store/memory-block-store.js';

/** Nodes started one by one on a memory network, and every message it delivered. */
interface Simulation {
  readonly clock: VirtualClock;
  readonly rng: SeededRng;
  readonly network: MemoryNetwork;
  readonly deliveries: Array<{ from: string; to: string; envelope: Envelope }>;
  start(label: string, init?: Partial<NodeInit>, friends?: FriendSet): Promise<OpennetMember>;
}

const idOf = (member: OpennetMember) => member.transport.peer.id;
const linkedTo = (member: OpennetMember, other: OpennetMember) => member.transport.connectedPeers.includes(idOf(other));

const offersIn = (deliveries: Simulation['deliveries']) =>
  deliveries
    .filter(({ envelope }) => envelope.body.type === 'peerOffer')
    .map(({ from, to, envelope }) => ({ from, to, offered: toHex((envelope.body as { node: NodeRef }).node.publicKey) }));

describe('node/opennet-handlers', () => {
  const defer = useTeardown();

  /** Each node started is stopped by teardown. */
  function simulation(seed: string): Simulation {
    const clock = new VirtualClock();
    const rng = new SeededRng(seed);
    const network = new MemoryNetwork({ clock, rng: rng.fork('network') });
    const deliveries: Simulation['deliveries'] = [];
    network.onDelivery(({ from, to, envelope }) => deliveries.push({ from, to, envelope }));
    const start = async (label: string, init?: Partial<NodeInit>, friends?: FriendSet) => {
      const member = await startOpennetNode({ clock, rng, network }, label, init, friends);
      defer(() => member.node.stop());
      return member;
    };
    return { clock, rng, network, deliveries, start };
  }

  /** `count` nodes linked in a ring in location order. */
  async function ring(sim: Simulation, count: number, init?: Partial<NodeInit>): Promise<OpennetMember[]> {
    const members: OpennetMember[] = [];
    for (let index = 0; index < count; index++) members.push(await sim.start(`ring/${index}`, init));
    members.sort((a, b) => a.location - b.location);
    for (let index = 0; index < count; index++) sim.network.link(members[index]!.transport, members[(index + 1) % count]!.transport);
    await sim.clock.run({ until: sim.clock.now() });
    return members;
  }

  /** A ring of `size` nodes and a newcomer that joined through its first node, a minute on. */
  async function joinedRing(seed: string, size: number) {
    const sim = simulation(seed);
    const members = await ring(sim, size);
    const newcomer = await sim.start('newcomer');
    const joined = newcomer.node.join({ seeds: [members[0]!.transport.addresses[0]!] });
    await sim.clock.advance(60_000);
    return { sim, members, newcomer, joined: await joined };
  }

  /** A line O - R - S with a block stored at S; O requests it. */
  async function fold(seed: string, relay: Partial<NodeInit> = {}, source: Partial<NodeInit> = {}) {
    const sim = simulation(seed);
    const [originator, middle, holder] = [await sim.start('O'), await sim.start('R', relay), await sim.start('S', source)];
    sim.network.link(originator.transport, middle.transport);
    sim.network.link(middle.transport, holder.transport);
    const key = chkNear(holder.location, 0.5, seed);
    await holder.store.put(key.routingKey, key.block, { partition: 'store' });
    const fetched = originator.node.request(key.routingKey);
    await sim.clock.advance(10_000);
    assert.deepEqual(await fetched, key.block);
    return { sim, originator, middle, holder };
  }

  it('routes an announcement toward the announcer, and the nodes near it offer themselves', async () => {
    const sim = simulation('announce');
    const members = await ring(sim, 16);
    const newcomer = await sim.start('newcomer');
    const seed = members[0]!;
    const joined = newcomer.node.join({ seeds: [seed.transport.addresses[0]!] });
    await sim.clock.advance(60_000);
    const { connected, offers } = await joined;
    assert.equal(connected, 1);
    assert.ok(offers >= 2, `${offers} offers`);
    const closest = [...members].sort((a, b) => circularDistance(a.location, newcomer.location) - circularDistance(b.location, newcomer.location))[0]!;
    assert.ok(linkedTo(newcomer, closest), 'linked to the node closest to its own location');
    assert.equal(newcomer.transport.connectedPeers.length, 1 + offers);
    const announcements = sim.deliveries.filter(({ envelope }) => envelope.body.type === 'announce');
    assert.ok(announcements.every(({ envelope }) => envelope.body.type === 'announce' && toHex(envelope.body.node.publicKey) === idOf(newcomer)));
    const tx = announcements[0]!.envelope.tx;
    // Nobody routes it back to the newcomer. It ends when hops to live or routes run out; the
    // newcomer then backtracks to the peers it linked to meanwhile, which have seen the tx.
    const replies = sim.deliveries.filter(({ to, envelope }) => to === idOf(newcomer) && envelope.tx === tx && envelope.body.type !== 'peerOffer');
    const ends = replies.filter(({ envelope }) => envelope.body.type !== 'rejectedLoop');
    assert.equal(ends.length, 1);
    assert.ok(['dataNotFound', 'routeNotFound'].includes(ends[0]!.envelope.body.type));
    assert.ok(replies.length <= 1 + offers);
    // Nodes that got it at the maximum HTL mixed (sent it to a random peer) and offered nothing of their own,
    // nor did the node the last of them picked (MAX_HTL - 1: a random hop reached it); after it, those within
    // announceOfferHops greedy hops did, and later only the nodes closest to the newcomer.
    const htlAt = new Map<string, number>();
    for (const { to, envelope } of announcements) if (envelope.body.type === 'announce') htlAt.set(to, Math.max(htlAt.get(to) ?? 0, envelope.body.htl));
    assert.ok([...htlAt.values()].includes(MAX_HTL), 'the announcement mixed');
    const selfOffers = offersIn(sim.deliveries).filter(({ from, offered }) => from === offered);
    assert.ok(selfOffers.length > 0, 'nodes offered themselves');
    const ranked = [...members].sort((a, b) => circularDistance(a.location, newcomer.location) - circularDistance(b.location, newcomer.location));
    const nearest = new Set(ranked.slice(0, 2).map(idOf));
    for (const { from } of selfOffers) {
      const htl = htlAt.get(from)!;
      const top = topGreedyHtl(HTL_POLICY_V2);
      assert.ok(htl <= top && (htl > top - DEFAULT_ANNOUNCE_OFFER_HOPS || nearest.has(from)), `a node that got the announcement at htl ${htl} offered itself`);
    }
  });

  it('has a relay a random hop reached whose route brought back no offer offer itself on the way back (a network of three)', async () => {
    // The relay beyond the seed gets the announcement at MAX_HTL (it mixes) or MAX_HTL - 1 (the node the
    // mixing picked): with either, the newcomer meets it. Seeds chosen so that both happen.
    const relayHtls = new Set<number>();
    for (let run = 0; run < 8; run++) {
      const sim = simulation(`announce-three/${run}`);
      const [seed, other, newcomer] = [await sim.start('seed'), await sim.start('other'), await sim.start('newcomer')];
      sim.network.link(seed.transport, other.transport);
      const joined = newcomer.node.join({ seeds: [seed.transport.addresses[0]!] });
      await sim.clock.advance(60_000);
      const reached = sim.deliveries.find(({ to, envelope }) => to === idOf(other) && envelope.body.type === 'announce');
      assert.ok(reached?.envelope.body.type === 'announce');
      const htl = reached.envelope.body.htl;
      if (htl <= topGreedyHtl(HTL_POLICY_V2)) continue;
      relayHtls.add(htl);
      assert.deepEqual(await joined, { connected: 1, offers: 1 }, `relay at htl ${htl}`);
      assert.ok(linkedTo(newcomer, other), `linked to the node beyond its seed (relay at htl ${htl})`);
    }
    assert.deepEqual([...relayHtls].sort(), [MAX_HTL - 1, MAX_HTL]);
  });

  it("takes an announcement's DataNotFound as its end, even near the announcer (only requests doubt, spec/routing.md §10)", async () => {
    const { sim } = await joinedRing('announce-no-doubt', 40);
    const tx = sim.deliveries.find(({ envelope }) => envelope.body.type === 'announce')!.envelope.tx;
    const ofTx = sim.deliveries.filter(({ envelope }) => envelope.tx === tx);
    const notFound = ofTx.filter(({ envelope }) => envelope.body.type === 'dataNotFound');
    assert.ok(notFound.length > 0, 'the announcement ran out of hops');
    // A node that received DataNotFound for the announcement sends it no further.
    for (const { to } of notFound) {
      const after = ofTx.slice(ofTx.findIndex((delivery) => delivery.to === to && delivery.envelope.body.type === 'dataNotFound'));
      assert.ok(!after.some(({ from, envelope }) => from === to && envelope.body.type === 'announce'), `${to} announced on after DataNotFound`);
    }
  });

  it('offers the data source back along the path after a DataFound; the originator takes no fold', async () => {
    const { sim, originator, middle, holder } = await fold('fold', { foldResetProbability: 0 });
    assert.deepEqual(offersIn(sim.deliveries), [
      { from: idOf(holder), to: idOf(middle), offered: idOf(holder) },
      { from: idOf(middle), to: idOf(originator), offered: idOf(holder) },
    ]);
    assert.equal(linkedTo(originator, holder), false, 'a dial from the originator would single it out');
    // Nothing anyone received names the originator.
    const originatorKey = originator.transport.peer.node.publicKey;
    for (const { envelope } of sim.deliveries) {
      if (envelope.body.type === 'peerOffer') assert.notDeepEqual(envelope.body.node.publicKey, originatorKey);
    }
  });

  it('lets each relay on the way back take the data source too, and pass the offer on (destination sampling)', async () => {
    const sim = simulation('take');
    // Without mixing (design v1) every hop is greedy, so every relay may take the offer.
    const relay = { foldResetProbability: 0, foldTakeProbability: 1, htlPolicy: HTL_POLICY_V1 };
    const v1 = { htlPolicy: HTL_POLICY_V1 };
    const [originator, first, second, holder] = [await sim.start('O', v1), await sim.start('A', relay), await sim.start('B', relay), await sim.start('S', v1)];
    sim.network.link(originator.transport, first.transport);
    sim.network.link(first.transport, second.transport);
    sim.network.link(second.transport, holder.transport);
    const key = chkNear(holder.location, 0.5, 'take');
    await holder.store.put(key.routingKey, key.block, { partition: 'store' });
    const fetched = originator.node.request(key.routingKey);
    await sim.clock.advance(10_000);
    assert.deepEqual(await fetched, key.block);
    assert.deepEqual(offersIn(sim.deliveries), [
      { from: idOf(holder), to: idOf(second), offered: idOf(holder) },
      { from: idOf(second), to: idOf(first), offered: idOf(holder) },
      { from: idOf(first), to: idOf(originator), offered: idOf(holder) },
    ]);
    assert.ok(linkedTo(first, holder), 'the relay two hops from the data source linked to it');
    assert.equal(linkedTo(originator, holder), false, 'the originator takes no fold');
  });

  it('has every relay take the data source, those a random hop reached too, and the originator none', async () => {
    const sim = simulation('take-greedy');
    const relay = { foldResetProbability: 0, foldTakeProbability: 1 };
    const originator = await sim.start('O');
    const relays: OpennetMember[] = [];
    for (let index = 0; index < 8; index++) relays.push(await sim.start(`R${index}`, relay));
    const holder = await sim.start('S');
    const line = [originator, ...relays, holder];
    for (let index = 1; index < line.length; index++) sim.network.link(line[index - 1]!.transport, line[index]!.transport);
    const key = chkNear(holder.location, 0.5, 'take-greedy');
    await holder.store.put(key.routingKey, key.block, { partition: 'store' });
    const fetched = originator.node.request(key.routingKey);
    await sim.clock.advance(10_000);
    assert.deepEqual(await fetched, key.block);
    const htlAt = new Map<string, number>();
    for (const { to, envelope } of sim.deliveries) if (envelope.body.type === 'dataRequest') htlAt.set(to, envelope.body.htl);
    const greedy = relays.filter((member) => htlAt.get(idOf(member))! <= topGreedyHtl(HTL_POLICY_V2));
    assert.ok(greedy.length > 0 && greedy.length < relays.length, `${greedy.length} of ${relays.length} relays reached greedily`);
    for (const member of relays) assert.ok(linkedTo(member, holder), `relay at htl ${htlAt.get(idOf(member))}`);
    assert.equal(linkedTo(originator, holder), false, 'the originator takes no fold');
    assert.equal(offersIn(sim.deliveries).length, relays.length + 1, 'the offer went all the way back');
  });

  it('lets a relay replace the offer with its own NodeRef (reset)', async () => {
    const { sim, originator, middle, holder } = await fold('reset', { foldResetProbability: 1 });
    assert.deepEqual(offersIn(sim.deliveries), [
      { from: idOf(holder), to: idOf(middle), offered: idOf(holder) },
      { from: idOf(middle), to: idOf(originator), offered: idOf(middle) },
    ]);
    assert.equal(linkedTo(originator, holder), false);
  });

  it('has a data source without room for peers offer nothing', async () => {
    const { sim, originator, holder } = await fold('full', {}, { maxPeers: 1 });
    assert.deepEqual(offersIn(sim.deliveries), []);
    assert.equal(linkedTo(originator, holder), false);
  });

  it('drops offers and announcements whose proof does not verify, and disconnects their sender after three', async () => {
    const sim = simulation('invalid');
    const strict = await sim.start('strict', { powDifficulty: 8 });
    const sender = sim.network.createTransport({ location: 0.5 });
    defer(() => sender.stop());
    const received: Envelope[] = [];
    await sender.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: (_from, envelope) => received.push(envelope) });
    sim.network.link(sender, strict.transport);
    let publicKey = drawPublicKey(sim.rng);
    while (checkIdentityProof({ publicKey, nonce: new Uint8Array(8) }, 8).valid) publicKey = drawPublicKey(sim.rng);
    const forged: NodeRef = { publicKey, powNonce: new Uint8Array(8), addresses: ['/memory/99'] };
    sender.send(idOf(strict), { tx: 1n, body: { type: 'announce', node: forged, htl: 18 } });
    sender.send(idOf(strict), { tx: 2n, body: { type: 'peerOffer', node: forged } });
    await sim.clock.advance(1_000);
    assert.deepEqual(
      received.map(({ tx, body }) => [tx, body.type]),
      [[1n, 'dataNotFound']],
    );
    assert.equal(sender.connectedPeers.length, 1);
    sender.send(idOf(strict), { tx: 3n, body: { type: 'peerOffer', node: forged } });
    await sim.clock.advance(1_000);
    assert.equal(sender.connectedPeers.length, 0);
  });

  it('dials the nodes a data source offers within that peer’s dial budget', async () => {
    const sim = simulation('offer budget');
    // The target relays a requester's requests (design v1: every hop greedy) and takes every fold.
    const v1 = { htlPolicy: HTL_POLICY_V1 };
    const target = await sim.start('target', { ...v1, offerDialsPerPeerPerMinute: 2, foldTakeProbability: 1, foldResetProbability: 0 });
    const requester = await sim.start('requester', v1);
    sim.network.link(requester.transport, target.transport);
    const offered = [await sim.start('a'), await sim.start('b'), await sim.start('c'), await sim.start('d')];
    // A data source that answers each request with its block, then offers the next node.
    const blocks = offered.map((_, index) => encodeChk(new TextEncoder().encode(`offered ${index}`)));
    const source = sim.network.createTransport({ location: 0.5 });
    defer(() => source.stop());
    let served = 0;
    await source.start({
      peerConnected: () => undefined,
      peerDisconnected: () => undefined,
      message: (from, { tx, body }) => {
        if (body.type !== 'dataRequest') return;
        const index = blocks.findIndex(({ routingKey }) => toHex(routingKey) === toHex(body.routingKey));
        source.send(from, { tx, body: { type: 'dataFound', block: blocks[index]!.block } });
        source.send(from, { tx, body: { type: 'peerOffer', node: offered[served++]!.transport.peer.node } });
      },
    });
    sim.network.link(source, target.transport);
    for (const { routingKey } of blocks) {
      const fetched = requester.node.request(routingKey);
      await sim.clock.advance(1_000);
      await fetched;
    }
    assert.equal(served, 4);
    assert.deepEqual(
      offered.map((member) => linkedTo(target, member)),
      [true, true, false, false],
    );
  });

  /**
   * A raw peer on `sim`'s network at `location`: it keeps what it receives, and answers a DataRequest for
   * `holds` with the block and then a PeerOffer of `offers`, as a data source that folds does.
   */
  async function rawPeer(sim: Simulation, location: number, holds?: ReturnType<typeof chkNear>, offers?: NodeRef) {
    const transport = sim.network.createTransport({ location });
    defer(() => transport.stop());
    const received: Envelope[] = [];
    await transport.start({
      peerConnected: () => undefined,
      peerDisconnected: () => undefined,
      message: (from, envelope) => {
        received.push(envelope);
        const { tx, body } = envelope;
        if (body.type !== 'dataRequest' || holds === undefined || toHex(body.routingKey) !== toHex(holds.routingKey)) return;
        transport.send(from, { tx, body: { type: 'dataFound', block: holds.block } });
        if (offers !== undefined) transport.send(from, { tx, body: { type: 'peerOffer', node: offers } });
      },
    });
    return { transport, received, types: () => received.map(({ body }) => body.type) };
  }

  it('at a mixed node, routes no announcement to a friend, offers a friend nothing and acts on no offer of a friend', async () => {
    const sim = simulation('mixed');
    // Design v1: every hop greedy, so an announcement goes to the peer closest to the newcomer.
    const v1 = { htlPolicy: HTL_POLICY_V1 };
    const newcomer = await sim.start('newcomer', v1);
    const stranger = await sim.start('stranger', v1);
    // The friend sits right next to the newcomer on the ring, and holds a block near itself that it offers a stranger with.
    const friendLocation = (newcomer.location + 0.001) % 1;
    const friendBlock = chkNear(friendLocation, 0.01, 'friend');
    const friend = await rawPeer(sim, friendLocation, friendBlock, stranger.transport.peer.node);
    const mixed = await sim.start('mixed', { ...v1, foldTakeProbability: 1, foldResetProbability: 0 }, { has: (peer) => peer === friend.transport.peer.id });
    const opennetPeer = await sim.start('P', v1);
    sim.network.link(friend.transport, mixed.transport);
    sim.network.link(mixed.transport, opennetPeer.transport);
    const joined = newcomer.node.join({ seeds: [mixed.transport.addresses[0]!] });
    await sim.clock.advance(60_000);
    await joined;
    assert.ok(
      sim.deliveries.some(({ from, to, envelope }) => from === idOf(mixed) && to === idOf(opennetPeer) && envelope.body.type === 'announce'),
      'the announcement went on to the opennet peer',
    );

    // The friend fetches a block the mixed node holds, and one the opennet peer holds (which offers itself back).
    const [held, beyond] = [chkNear(mixed.location, 0.01, 'held'), chkNear(opennetPeer.location, 0.01, 'beyond')];
    await mixed.store.put(held.routingKey, held.block, { partition: 'store' });
    await opennetPeer.store.put(beyond.routingKey, beyond.block, { partition: 'store' });
    for (const [tx, { routingKey }] of [held, beyond].entries()) {
      friend.transport.send(idOf(mixed), { tx: BigInt(100 + tx), body: { type: 'dataRequest', keyType: 'chk', routingKey, htl: 10 } });
    }
    // The newcomer fetches the friend's block through the mixed node: the friend offers the stranger.
    const fetched = newcomer.node.request(friendBlock.routingKey);
    await sim.clock.advance(10_000);
    assert.deepEqual(await fetched, friendBlock.block);

    assert.equal(friend.types().filter((type) => type === 'dataFound').length, 2);
    assert.deepEqual(
      friend.types().filter((type) => type === 'announce' || type === 'peerOffer'),
      [],
      'no announcement, no offer',
    );
    assert.equal(linkedTo(mixed, stranger), false, "a friend's offer is not taken");
    assert.deepEqual(
      offersIn(sim.deliveries).filter(({ from, offered }) => offered === idOf(stranger) && from !== friend.transport.peer.id),
      [],
      'nor passed on',
    );
  });

  it('at a darknet node (one that swaps), relays no announcement and drops every offer, dialling nobody', async () => {
    const sim = simulation('darknet-offers');
    const offered = await sim.start('offered');
    const block = chkNear(0.6, 0.01, 'dark');
    const source = await rawPeer(sim, 0.6, block, offered.transport.peer.node);
    const upstream = await rawPeer(sim, 0.2);
    const transport = sim.network.createTransport({ location: 0.4 });
    const dark = new Node(
      { transport, store: new MemoryBlockStore({}, { nodeLocation: 0.4 }), clock: sim.clock, rng: sim.rng.fork('dark') },
      { location: 0.4, powDifficulty: 0, htlPolicy: HTL_POLICY_V1, foldTakeProbability: 1, swapping: { startEveryMs: 3_600_000 } },
    );
    await dark.start();
    defer(() => dark.stop());
    for (const peer of [source, upstream]) sim.network.link(peer.transport, transport);
    const darkId = transport.peer.id;
    upstream.transport.send(darkId, { tx: 1n, body: { type: 'announce', node: offered.transport.peer.node, htl: 10 } });
    upstream.transport.send(darkId, { tx: 2n, body: { type: 'dataRequest', keyType: 'chk', routingKey: block.routingKey, htl: 10 } });
    await sim.clock.advance(10_000);
    assert.deepEqual(
      upstream.received.filter(({ tx }) => tx === 1n).map(({ body }) => body),
      [{ type: 'routeNotFound', htl: 10 }],
    );
    assert.equal(source.types().includes('announce'), false, 'the announcement went no further');
    assert.ok(upstream.types().includes('dataFound'), 'the request was relayed');
    assert.equal(upstream.types().includes('peerOffer'), false);
    assert.equal(offered.transport.connectedPeers.includes(darkId), false, 'the offered stranger was not dialled');
  });

  it('rejoins through the peers it knew, without seeds', async () => {
    const { sim, newcomer: first } = await joinedRing('rejoin', 8);
    const saved = first.node.knownPeers();
    assert.ok(saved.length >= 2);
    await first.node.stop();
    const restarted = await sim.start('restarted');
    const rejoined = restarted.node.join({ peers: saved });
    await sim.clock.advance(60_000);
    assert.equal((await rejoined).connected, saved.length);
  });
});
