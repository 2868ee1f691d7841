/**
 * Inserts without data over TCP (spec/routing.md §5, §8): a peer sends InsertRequests within its
 * token bucket (≈ 290 a second) and never sends a block, while an honest node, whose only peer
 * is the target, fetches blocks the target holds. The target must never hold more than a peer's
 * cap of accepted inserts for it, must refuse the rest, count each block that never came against
 * the attacker and disconnect it, refuse it when it comes back at once, and answer every honest
 * fetch. The throughput figures are bench/attacks.ts `inserts`.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Node } from '../../node/node.js';
import { startAttackPeer } from '../support/attack-peer.js';
import { DIFFICULTY, useStartedNodes } from '../support/flood-setup.js';
import { storeFreshBlocks } from '../support/fresh-blocks.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

const INSERTS_PER_SECOND = 290;
/** Accepted inserts one peer may have waiting for their blocks (node default, spec/routing.md §5). */
const MAX_PENDING_INSERTS = 32;
const BLOCKS = 64;
const LANES = 8;
/**
 * Each lane's pause after a fetch: an honest node stays inside its budget at the target (1,000
 * requests a second, node default), so 8 lanes ask at most 320 a second however fast the target
 * answers. Without it a fast machine's lanes overran the budget and were refused for their own excess.
 */
const LANE_PAUSE_MS = 25;

interface Fetched {
  fetched: number;
  readonly errors: string[];
}

/** Fetches the keys in turn, `LANES` at a time at a paced rate, until `done(so far)`; how many succeeded, and the errors of those that failed. */
async function fetchUntil(client: Node, keys: readonly Uint8Array[], done: (soFar: Fetched) => boolean): Promise<Fetched> {
  const result: Fetched = { fetched: 0, errors: [] };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!done(result)) {
      await client.request(keys[next++ % keys.length]!).then(
        () => void result.fetched++,
        (error: Error) => void result.errors.push(error.message),
      );
      await sleep(LANE_PAUSE_MS);
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  return result;
}

describe('adversarial: inserts whose block never comes (real nodes over TCP)', function () {
  // A hang guard: a loaded machine takes longer, and nothing here depends on how long.
  this.timeout(180_000);
  const defer = useTeardown();
  const started = useStartedNodes(defer);

  it('throttles the attacker to its cap of accepted inserts, disconnects it and refuses its return, and serves every honest fetch', async () => {
    const [target, honest] = [await started(), await started()] as const;
    const keys = await storeFreshBlocks(target.store, BLOCKS);
    const address = target.transport.addresses[0]!;
    await honest.transport.dial(address);
    await until(() => target.node.peers.size === 1, 'the honest link');

    const attacker = await startAttackPeer({ address, difficulty: DIFFICULTY, kind: 'inserts', perSecond: INSERTS_PER_SECOND });
    defer(() => attacker.terminate());
    let mostHeld = 0;
    const sampler = setInterval(() => (mostHeld = Math.max(mostHeld, target.node.load.heldBy(attacker.peerId))), 5);
    defer(() => clearInterval(sampler));
    // The honest node fetches from the flood's start until the target has turned the attacker away twice.
    const fetching = fetchUntil(honest.node, keys, () => attacker.progress.disconnections >= 2);
    await until(() => attacker.progress.disconnections >= 2, 'the attacker disconnected, and refused on coming back');
    const { fetched, errors } = await fetching;
    const counts = await attacker.stop();
    // And once it is gone, every block once more.
    const afterwards = await fetchUntil(honest.node, keys, (so) => so.fetched + so.errors.length >= keys.length);
    console.log(
      `      attacker: ${counts.sent} InsertRequests, ${counts.accepted} accepted, ${counts.rejectedOverload} RejectedOverload, ` +
        `disconnected ${counts.disconnections} times; target held at most ${mostHeld} for it; honest: ${fetched} fetched`,
    );

    assert.deepEqual(errors, [], 'every honest fetch during the flood succeeded');
    assert.ok(fetched > 0, 'the honest node fetched during the flood');
    assert.deepEqual(afterwards.errors, [], 'every honest fetch after it succeeded');
    assert.ok(mostHeld <= MAX_PENDING_INSERTS, `the target held ${mostHeld} of the attacker's inserts`);
    assert.ok(counts.rejectedOverload > 0, 'inserts beyond the cap were refused');
    assert.ok(counts.accepted < counts.sent / 4, `${counts.accepted} of ${counts.sent} accepted`);
    assert.equal(target.node.peers.get(attacker.peerId), undefined, 'the attacker is not linked');
    assert.equal(target.node.peers.size, 1, 'the honest peer is');
  });
});
