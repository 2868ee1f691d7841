import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { toHex } from '../../../protocol/bytes.js';
import { randomBytes } from '../../../protocol/crypto.js';
import { InvalidBlockError } from '../../../protocol/errors.js';
import { encodeSsk, sskWriteKeysFromSeed } from '../../../protocol/keys/ssk.js';
import { DataNotFoundError, InsertCollisionError, NodeStoppedError, RouteNotFoundError } from '../../../node/errors.js';
import { MAX_HTL } from '../../../node/htl.js';
import { SeededRng } from '../../../sim/rng.js';
import { chkNear } from '../../support/node-fixtures.js';
import { smallWorld, useSimulatedNetworks } from '../../support/simulated-networks.js';

/** Every field value of a message, as bytes or text, for searching. */
function fieldValues(value: unknown): Array<Uint8Array | string> {
  if (value instanceof Uint8Array || typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(fieldValues);
  return [String(value)];
}

describe('node/node', () => {
  const simulate = useSimulatedNetworks();

  it('answers a local request from its own store, with a cache-hit event', async () => {
    const sim = await simulate(smallWorld('own-store', 5));
    const key = chkNear(0.5);
    await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
    const events: string[] = [];
    assert.deepEqual(await sim.nodes[2]!.node.request(key.routingKey, { onProgress: (event) => events.push(event.type) }), key.block);
    assert.deepEqual(events, ['cacheHit']);
  });

  it('stores an insert at the node closest to the key, caches it beyond the first hops, and never at the inserter', async () => {
    const sim = await simulate(smallWorld('insert'));
    const key = chkNear(0.5);
    const inserter = sim.nodes[5]!;
    const inserted = inserter.node.insert(key.routingKey, key.block);
    await sim.clock.run();
    assert.deepEqual(await inserted, { endedBy: 'htl' });
    const closest = sim.nodes[20]!;
    assert.deepEqual(await closest.store.get(key.routingKey), key.block);
    assert.equal(closest.store.stats().store.blocks, 1);
    assert.equal(await inserter.store.has(key.routingKey), false);
    const fetched = sim.nodes[33]!.node.request(key.routingKey);
    await sim.clock.run();
    assert.deepEqual(await fetched, key.block);
  });

  it('refuses to insert an invalid block before sending anything', async () => {
    const sim = await simulate(smallWorld('invalid-insert', 5));
    const key = chkNear(0.5);
    const forged = Uint8Array.from(key.block);
    forged[100]! ^= 1;
    await assert.rejects(sim.nodes[0]!.node.insert(key.routingKey, forged), InvalidBlockError);
    assert.equal(sim.network.stats.sent, 0);
  });

  it('does not hash again a block its own process made (made), and the first peer still refuses a false one', async () => {
    const sim = await simulate(smallWorld('made-insert', 5));
    const key = chkNear(0.5);
    const forged = Uint8Array.from(key.block);
    forged[100]! ^= 1;
    const insert = sim.nodes[0]!.node.insert(key.routingKey, forged, { made: 'chk' }).catch((error: unknown) => error);
    await sim.clock.run();
    await insert;
    assert.ok(sim.network.stats.sent > 0, 'sent without verifying');
    for (const { store } of sim.nodes) assert.equal(await store.has(key.routingKey), false);
  });

  it('keeps the first SSK written to a slot and returns it to a second publisher', async () => {
    const sim = await simulate(smallWorld('collision'));
    const keys = sskWriteKeysFromSeed(randomBytes(32));
    const first = encodeSsk(keys, 'page', new TextEncoder().encode('first'));
    const second = encodeSsk(keys, 'page', new TextEncoder().encode('second'));
    const inserted = sim.nodes[3]!.node.insert(first.routingKey, first.block, { keyType: 'ssk' });
    await sim.clock.run();
    await inserted;
    const again = sim.nodes[30]!.node.insert(second.routingKey, second.block, { keyType: 'ssk' });
    await sim.clock.run();
    await assert.rejects(again, (error: unknown) => error instanceof InsertCollisionError && toHex(error.existingBlock) === toHex(first.block));
  });

  it('says why a request failed: not found after 18 hops, or no route', async () => {
    const sim = await simulate(smallWorld('outcomes', 60));
    const missing = sim.nodes[0]!.node.request(chkNear(0.3).routingKey);
    await sim.clock.run();
    await assert.rejects(missing, (error: unknown) => error instanceof DataNotFoundError && /not found after 18 hops/.test(error.message));
    const lonely = await simulate({ seed: 'lonely', locations: [0.5], edges: [] });
    await assert.rejects(lonely.nodes[0]!.node.request(chkNear(0.3).routingKey), RouteNotFoundError);
  });

  it('stops waiting at once when aborted, and fails requests in flight when stopped', async () => {
    const sim = await simulate(smallWorld('abort', 10));
    const controller = new AbortController();
    const aborted = sim.nodes[0]!.node.request(chkNear(0.7).routingKey, { signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await assert.rejects(aborted, /user gave up/);
    const stopped = sim.nodes[1]!.node.request(chkNear(0.6).routingKey);
    await sim.nodes[1]!.node.stop();
    await assert.rejects(stopped, NodeStoppedError);
    await assert.rejects(sim.nodes[1]!.node.request(chkNear(0.6).routingKey), NodeStoppedError);
  });

  it('sends nothing that names the originator, and its neighbours see both HTL values from it', async () => {
    const sim = await simulate(smallWorld('anonymity'));
    const originator = sim.nodes[0]!;
    const names: Array<Uint8Array | string> = [
      originator.transport.peer.node.publicKey,
      originator.transport.peer.id,
      ...originator.transport.peer.node.addresses,
    ];
    const htlsFromOriginator = new Set<number>();
    const leaks: string[] = [];
    sim.network.onDelivery(({ from, envelope }) => {
      const body = envelope.body;
      if (from === originator.transport.peer.id && body.type === 'dataRequest') htlsFromOriginator.add(body.htl);
      for (const value of fieldValues(body)) {
        for (const name of names) {
          const found =
            typeof value === 'string'
              ? typeof name === 'string' && value.includes(name)
              : typeof name !== 'string' && Buffer.from(value).includes(Buffer.from(name));
          if (found) leaks.push(body.type);
        }
      }
    });
    const rng = new SeededRng('anonymity/keys');
    const requests = Array.from({ length: 60 }, (_, i) => originator.node.request(chkNear(rng.next(), 0.01, `anon ${i}`).routingKey).catch(() => undefined));
    await sim.clock.run();
    await Promise.all(requests);
    assert.deepEqual(leaks, []);
    // First attempts leave at MAX_HTL or MAX_HTL − 1; a route that tried further peers (after a
    // RouteNotFound, or a DataNotFound doubted near the key) sends what HTL it still holds.
    assert.ok(htlsFromOriginator.has(MAX_HTL) && htlsFromOriginator.has(MAX_HTL - 1), [...htlsFromOriginator].join());
  });

  it('replays identically from the same seed', async () => {
    async function trace(seed: string): Promise<string> {
      const sim = await simulate(smallWorld(seed));
      const digest = createHash('sha256');
      sim.network.onDelivery(({ at, from, to, envelope }) => digest.update(`${at} ${from} ${to} ${envelope.tx} ${envelope.body.type}\n`));
      const rng = new SeededRng(`${seed}/workload`);
      const blocks = Array.from({ length: 30 }, (_, i) => chkNear(rng.next(), 0.02, `replay ${i}`));
      const work = blocks.map((block) =>
        rng
          .pick(sim.nodes)
          .node.insert(block.routingKey, block.block)
          .catch(() => undefined),
      );
      await sim.clock.run();
      await Promise.all(work);
      const fetches = blocks.map((block) =>
        rng
          .pick(sim.nodes)
          .node.request(block.routingKey)
          .catch(() => undefined),
      );
      await sim.clock.run();
      await Promise.all(fetches);
      await sim.stop();
      return digest.digest('hex');
    }
    const first = await trace('replay');
    assert.equal(await trace('replay'), first);
    assert.notEqual(await trace('replay-other'), first);
  });
});
