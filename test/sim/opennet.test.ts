import assert from 'node:assert/strict';
import { encodeChk } from '../../protocol/keys/chk.js';
import { circularDistance } from '../../protocol/location.js';
import type { NodeInit } from '../../node/node.js';
import { VirtualClock } from '../../sim/clock.js';
import { MemoryNetwork } from '../../sim/memory-network.js';
import { SeededRng } from '../../sim/rng.js';
import { type OpennetMember as Member, startOpennetNode } from '../support/opennet-fixtures.js';

const NODES = 100;
const SEEDS = 3;
const JOIN_INTERVAL_MS = 10_000;
const BLOCKS = 200;
const FOLDING_FETCHES = 1_500;
const SHORT_LINK = 0.05;
const NODE_SETTINGS: Omit<NodeInit, 'location'> = { powDifficulty: 0, maxPeers: 16, minPeers: 6, peerGraceMs: 120_000 };

interface Fetches {
  readonly success: number;
  readonly meanHops: number;
}

/**
 * A network grown from nothing: seeds first, then one node every JOIN_INTERVAL_MS that joins
 * through one seed. Each node sits where its proof puts it (test/support/opennet-fixtures.ts).
 */
class GrownNetwork {
  readonly clock = new VirtualClock();
  readonly rng: SeededRng;
  readonly network: MemoryNetwork;
  readonly members: Member[] = [];

  constructor(seed: string) {
    this.rng = new SeededRng(seed);
    this.network = new MemoryNetwork({ clock: this.clock, rng: this.rng.fork('network') });
  }

  async grow(count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      const member = await startOpennetNode(this, String(index), NODE_SETTINGS);
      this.members.push(member);
      const seeds = this.members.slice(0, Math.min(index, SEEDS)).map(({ transport }) => transport.addresses[0]!);
      if (seeds.length > 0) {
        const joined = member.node.join({ seeds: [this.rng.pick(seeds)] });
        await this.clock.advance(JOIN_INTERVAL_MS);
        await joined;
      }
    }
  }

  /** Links as pairs of members (each once). */
  links(): Array<[Member, Member]> {
    const byId = new Map(this.members.map((member) => [member.transport.peer.id, member]));
    const pairs: Array<[Member, Member]> = [];
    for (const member of this.members) {
      for (const id of member.transport.connectedPeers) if (member.transport.peer.id < id) pairs.push([member, byId.get(id)!]);
    }
    return pairs;
  }

  connected(): boolean {
    const reached = new Set<Member>([this.members[0]!]);
    const byId = new Map(this.members.map((member) => [member.transport.peer.id, member]));
    for (const queue = [this.members[0]!]; queue.length > 0;) {
      for (const id of queue.pop()!.transport.connectedPeers) {
        const next = byId.get(id)!;
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    return reached.size === this.members.length;
  }

  /** Inserts `count` new blocks from random nodes, then fetches each from another random node. */
  async insertAndFetch(label: string, count: number): Promise<Fetches> {
    const blocks = Array.from({ length: count }, (_, index) => encodeChk(new TextEncoder().encode(`${label} ${index}`)));
    const inserts = blocks.map(({ routingKey, block }) => this.rng.pick(this.members).node.insert(routingKey, block).catch(() => undefined));
    await this.clock.advance(120_000);
    await Promise.all(inserts);
    return this.fetch(blocks.map(({ routingKey }) => routingKey));
  }

  async fetch(keys: readonly Uint8Array[]): Promise<Fetches> {
    const requestsPerTx = new Map<bigint, number>();
    const stopTap = this.network.onDelivery(({ envelope }) => {
      if (envelope.body.type === 'dataRequest') requestsPerTx.set(envelope.tx, (requestsPerTx.get(envelope.tx) ?? 0) + 1);
    });
    const fetches = keys.map((key) => this.rng.pick(this.members).node.request(key).then(() => true, () => false));
    await this.clock.advance(120_000);
    const fetched = (await Promise.all(fetches)).filter(Boolean).length;
    stopTap();
    const hops = [...requestsPerTx.values()];
    return { success: fetched / keys.length, meanHops: hops.reduce((sum, value) => sum + value, 0) / Math.max(1, hops.length) };
  }

  async stop(): Promise<void> {
    for (const { node } of this.members) await node.stop();
    await this.clock.runUntilIdle();
  }
}

function shortShare(links: ReadonlyArray<[Member, Member]>): number {
  return links.filter(([a, b]) => circularDistance(a.location, b.location) < SHORT_LINK).length / Math.max(1, links.length);
}

function describeFetches(label: string, fetches: Fetches): string {
  return `${label}: fetches ${(100 * fetches.success).toFixed(1)}%, DataRequest hops per fetch ${fetches.meanHops.toFixed(2)}`;
}

describe('opennet grown from an empty network of 100 nodes (seeded)', function () {
  this.timeout(120_000);

  it('bootstraps through seeds into a connected small world that path folding improves', async () => {
    const sim = new GrownNetwork('opennet/grow');
    try {
      await sim.grow(NODES);
      const grownLinks = sim.links();
      const before = await sim.insertAndFetch('before', BLOCKS);
      const keys = Array.from({ length: FOLDING_FETCHES }, (_, index) => encodeChk(new TextEncoder().encode(`folding ${index}`)));
      const inserts = keys.map(({ routingKey, block }) => sim.rng.pick(sim.members).node.insert(routingKey, block).catch(() => undefined));
      await sim.clock.advance(120_000);
      await Promise.all(inserts);
      await sim.fetch(keys.map(({ routingKey }) => routingKey));
      const after = await sim.insertAndFetch('after', BLOCKS);
      const links = sim.links();
      const degrees = sim.members.map(({ transport }) => transport.connectedPeers.length);
      const meanDegree = (2 * links.length) / NODES;
      console.log(`      after joining: ${grownLinks.length} links, short (< ${SHORT_LINK}) ${(100 * shortShare(grownLinks)).toFixed(1)}%`);
      console.log(`      ${describeFetches('before folding', before)}`);
      console.log(`      ${describeFetches('after folding', after)}`);
      console.log(`      after folding: ${links.length} links, mean degree ${meanDegree.toFixed(2)}, min ${Math.min(...degrees)}, max ${Math.max(...degrees)}, ` +
        `short ${(100 * shortShare(links)).toFixed(1)}% (random graph: ${(200 * SHORT_LINK).toFixed(0)}%)`);
      assert.ok(sim.connected(), 'the network is connected');
      assert.ok(Math.max(...degrees) <= NODE_SETTINGS.maxPeers! + Math.ceil(NODE_SETTINGS.maxPeers! / 4));
      assert.ok(meanDegree >= NODE_SETTINGS.minPeers! && meanDegree <= NODE_SETTINGS.maxPeers!, `mean degree ${meanDegree}`);
      assert.ok(shortShare(links) >= 3 * 2 * SHORT_LINK, `short links ${shortShare(links)}`);
      assert.ok(before.success >= 0.95, describeFetches('before', before));
      assert.ok(after.success >= 0.95, describeFetches('after', after));
      assert.ok(after.meanHops < 0.85 * before.meanHops, `${describeFetches('before', before)}; ${describeFetches('after', after)}`);
    } finally {
      await sim.stop();
    }
  });
});
