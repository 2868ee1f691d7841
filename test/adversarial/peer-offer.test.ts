/**
 * Hostile PeerOffers over real TCP on loopback (spec/routing.md §9.8): a data source that follows
 * each DataFound with an offer listing a third party's address (a listener the test owns, in
 * another 127/8 /24, that is no Warren node) and private, link-local, multicast, unspecified and
 * named addresses. The node must dial none of them, whether the offer reaches it directly or through
 * a relay; must dial offered addresses it may dial only within the offering peer's budget, each once;
 * and must keep serving.
 */
import assert from 'node:assert/strict';
import { randomBytes } from '../../protocol/crypto.js';
import { CHK_MAX_CONTENT_BYTES, encodeChk } from '../../protocol/keys/chk.js';
import { resolveOfferDials } from '../../node/opennet-offers.js';
import { DIFFICULTY, type RealNode, startNode } from '../support/flood-setup.js';
import { hostileSource, offeredNode, spyOnDials, type ThirdParty, thirdParty } from '../support/offer-attack.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

/** What hostile offers list besides the third party: nothing a node may dial from an offer over a loopback link (a NodeRef lists at most 8). */
const FORBIDDEN = [
  '/ip4/10.0.0.1/tcp/22',
  '/ip4/192.168.1.1/tcp/80',
  '/ip4/169.254.169.254/tcp/80',
  '/ip4/224.0.0.1/tcp/7400',
  '/ip4/0.0.0.0/tcp/7400',
  '/ip4/255.255.255.255/tcp/7400',
  '/dns4/localhost/tcp/7400',
  '/ip6/::1/tcp/7400',
  '/ip6/fe80::1/tcp/7400',
];

const blocks = (count: number) => Array.from({ length: count }, () => encodeChk(randomBytes(CHK_MAX_CONTENT_BYTES)));

describe('adversarial: hostile PeerOffers over TCP', function () {
  // A hang guard: nothing here depends on how long anything takes.
  this.timeout(120_000);
  const defer = useTeardown();

  async function node(init: { foldTakeProbability?: number } = {}): Promise<RealNode> {
    // Offered NodeRefs are verified at the network's difficulty: these tests' identities prove 8 bits.
    // No relay replaces an offer with its own NodeRef here: each test follows one offer along the path.
    const real = await startNode({ powDifficulty: DIFFICULTY, foldResetProbability: 0, ...init });
    defer(() => real.node.stop());
    return real;
  }

  async function listener(host: string): Promise<ThirdParty> {
    const party = await thirdParty(host);
    defer(() => party.close());
    return party;
  }

  it("dials neither a third party's address nor private ones that a data source offers, and offers beyond the peer's budget are ignored", async () => {
    // requester ── target ── hostile data source: the target relays every request and takes every fold
    // (the originator takes none, spec/routing.md §9.4).
    const [target, requester] = [await node({ foldTakeProbability: 1 }), await node()];
    const dialled = spyOnDials(target.transport);
    await requester.transport.dial(target.transport.addresses[0]!);
    const victim = await listener('127.0.1.1');
    // Listeners in the link's own /24, where an offered address may be dialled: the budget's measure.
    const local = await Promise.all(Array.from({ length: 12 }, () => listener('127.0.0.1')));
    const hostile = [
      await offeredNode(DIFFICULTY, [victim.address, ...FORBIDDEN.slice(0, 7)]),
      await offeredNode(DIFFICULTY, [...FORBIDDEN.slice(7), victim.address]),
    ];
    for (const party of local) hostile.push(await offeredNode(DIFFICULTY, [party.address, victim.address]));
    // Offered again once dialled: an address is not dialled twice within the window.
    hostile.push(await offeredNode(DIFFICULTY, [local[0]!.address]));
    // One block more than offers: its DataFound follows the last offer, so when it is fetched every offer has been handled.
    const served = blocks(hostile.length + 1);
    const source = await hostileSource(target.transport.addresses[0]!, DIFFICULTY, served, (index) => hostile[Math.min(index, hostile.length - 1)]!);
    defer(() => source.raw.abort());
    await until(() => target.node.peers.size === 2, 'the requester and the hostile source linked');

    const startedAt = performance.now();
    for (const { routingKey, block } of served) assert.deepEqual(await requester.node.request(routingKey), block);
    await until(() => local.reduce((sum, party) => sum + party.connections(), 0) === dialled.length, 'every dial to reach its listener');
    const elapsedMs = performance.now() - startedAt;

    assert.equal(victim.connections(), 0, "the third party's address was dialled");
    for (const address of FORBIDDEN) assert.ok(!dialled.includes(address), `${address} was dialled`);
    assert.ok(
      dialled.every((address) => local.some((party) => party.address === address)),
      `dialled: ${dialled.join(', ')}`,
    );
    assert.equal(new Set(dialled).size, dialled.length, 'an address dialled twice');
    // The offering peer's budget, plus what refills while the test runs.
    const { offerDialsPerPeerPerMinute } = resolveOfferDials({});
    const allowed = offerDialsPerPeerPerMinute + Math.floor((elapsedMs / 60_000) * offerDialsPerPeerPerMinute);
    assert.ok(dialled.length > 0 && dialled.length <= allowed, `${dialled.length} dials for ${local.length} offers, ${allowed} allowed`);
    console.log(`      ${hostile.length} offers: ${dialled.length} dials, all within the link's range; the third party reached ${victim.connections()} times`);
    assert.ok(dialled.length < local.length, 'offers beyond the budget were dialled');
    // None of that closed the link: offers are not misbehaviour.
    assert.equal(target.node.peers.size, 2);
  });

  it("passes on a data source's offer of itself only with its addresses at the host its link comes from", async () => {
    // originator ── watched relay ── relay ── hostile data source, which offers itself listing the third party and
    // private addresses; the relay next to it takes no fold and passes the offer on, the watched one takes it.
    const [originator, watched, relay] = [await node(), await node({ foldTakeProbability: 1 }), await node({ foldTakeProbability: 0 })];
    const dialled = spyOnDials(watched.transport);
    await originator.transport.dial(watched.transport.addresses[0]!);
    await watched.transport.dial(relay.transport.addresses[0]!);
    const victim = await listener('127.0.1.1');
    // At the source's own host: kept, and dialled by the watched relay (expecting the source's key, so dropped after Noise).
    const ownHost = await listener('127.0.0.1');
    const served = blocks(1);
    let selfOffer: Awaited<ReturnType<typeof offeredNode>> | undefined;
    const source = await hostileSource(relay.transport.addresses[0]!, DIFFICULTY, served, () => selfOffer!);
    defer(() => source.raw.abort());
    selfOffer = await offeredNode(DIFFICULTY, [victim.address, ...FORBIDDEN.slice(0, 6), ownHost.address], source.identity);
    await until(() => relay.node.peers.size === 2 && watched.node.peers.size === 2 && originator.node.peers.size === 1, 'the line of links');

    assert.deepEqual(await originator.node.request(served[0]!.routingKey), served[0]!.block);
    await until(() => ownHost.connections() === 1, "the watched relay's dial of the address the relay kept");
    assert.deepEqual(dialled.slice(1), [ownHost.address]);
    assert.equal(victim.connections(), 0, "the third party's address was dialled");
    assert.equal(watched.node.peers.size, 2);
  });
});
