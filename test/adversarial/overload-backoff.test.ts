/**
 * Backoff after a flood over TCP (spec/routing.md §8.3): two peers fill a target's route table
 * with inserts whose block never comes, so that the target refuses an honest node, whose only
 * peer it is, with RejectedOverload{local: true}. The burst of refusals must back the target off
 * once, not once per refusal; and once the flood is over, the honest node's next fetch must go to
 * the target although it is still backed off (a node's last peers are never all backed off), and
 * its answer must end the backoff. Nothing here depends on how long anything takes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from '../../protocol/crypto.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { DIFFICULTY, type RealNode, startNode } from '../support/flood-setup.js';
import { storeFreshBlocks } from '../support/fresh-blocks.js';
import { type RawPeer, rawDial } from '../support/tcp-raw-peer.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

/** The target's route table: two flooders' shares of it (32 each, their caps of accepted inserts) fill it. */
const MAX_ACTIVE = 64;
const INSERTS_PER_FLOODER = 40;
/** The honest node's first backoff: long enough that the flood is over well before it would end by itself. */
const INITIAL_BACKOFF_MS = 60_000;
const BURST = 16;

/** A peer linked to `address` over TCP, past both Hellos, that has sent `count` InsertRequests and will never send a block. */
async function insertFlooder(address: string, count: number): Promise<RawPeer> {
  const identity = await mintIdentity({ difficulty: DIFFICULTY });
  const peer = await rawDial(identity, address);
  peer.sendHello(identity);
  await until(() => peer.received.length > 0, "the target's Hello");
  for (let i = 0; i < count; i++) {
    const tx = new DataView(randomBytes(8).buffer).getBigUint64(0);
    peer.send({ tx, body: { type: 'insertRequest', keyType: 'chk', routingKey: randomBytes(32), htl: 18 } });
  }
  return peer;
}

describe('adversarial: backoff of a flooded peer (real nodes over TCP)', function () {
  // A hang guard: a loaded machine takes longer, and nothing here depends on how long.
  this.timeout(180_000);
  const defer = useTeardown();

  async function started(init: Parameters<typeof startNode>[0]): Promise<RealNode> {
    const real = await startNode(init);
    defer(() => real.node.stop());
    return real;
  }

  it('backs the flooded peer off once for a burst of refusals, and fetches through it as soon as the flood is over', async () => {
    const target = await started({ maxActive: MAX_ACTIVE });
    const honest = await started({ initialBackoffMs: INITIAL_BACKOFF_MS });
    const keys = await storeFreshBlocks(target.store, BURST);
    const address = target.transport.addresses[0]!;
    await honest.transport.dial(address);
    await until(() => honest.node.peers.size === 1, 'the honest link');
    const [targetPeer] = honest.node.peers;

    const flooders = [await insertFlooder(address, INSERTS_PER_FLOODER), await insertFlooder(address, INSERTS_PER_FLOODER)];
    for (const flooder of flooders) defer(() => flooder.abort());
    const held = (): number => [...target.node.peers].reduce((sum, { id }) => sum + target.node.load.heldBy(id), 0);
    await until(() => held() >= MAX_ACTIVE, 'a full table');

    const refused = await Promise.all(
      keys.map((key) =>
        honest.node.request(key).then(
          () => 'found',
          (error: Error) => error.name,
        ),
      ),
    );
    assert.deepEqual(new Set(refused), new Set(['OverloadedError']), 'the flooded target refused the honest node');
    assert.equal(targetPeer!.stats.overloads, BURST);
    assert.equal(targetPeer!.backoffMs, 2 * INITIAL_BACKOFF_MS, `${BURST} refusals backed it off once: its next backoff doubles once`);

    // The flood stops: the flooders go, and what they held at the target is freed.
    for (const flooder of flooders) flooder.abort();
    await until(() => target.node.peers.size === 1, 'the flooders unlinked');
    await until(() => held() === 0, 'the flooders gone');
    // The node's clock is the wall clock's performance.now() (SystemClock).
    assert.ok(targetPeer!.backoffUntil > performance.now(), 'the honest node still has the target backed off');

    assert.deepEqual(await honest.node.request(keys[0]!), await target.store.get(keys[0]!), 'the next fetch goes to the backed-off target, its last peer');
    assert.equal(targetPeer!.backoffUntil, 0, "the target's answer ended the backoff");
    assert.equal(targetPeer!.backoffMs, INITIAL_BACKOFF_MS);
  });
});
