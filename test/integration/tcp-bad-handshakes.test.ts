/**
 * Bad handshakes over real TCP and Noise on loopback (spec/wire.md §10.6): the node
 * (test/support/handshake-target.ts) runs in a process of its own, and this process attacks it —
 * garbage bytes, an oversized frame, a frame before the Hello, a proof with too few zero bits, a
 * proof for a different key, connections that stall — while an honest peer linked to it keeps
 * fetching blocks. Checked: each is refused for its own reason and closed, handshakes in progress
 * stay within their bounds, and the node keeps serving its honest peer and linking new ones. What
 * a bad handshake costs the node, against a valid one, is measured by bench/handshake-cost.ts.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex } from '../../protocol/bytes.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { attackInWorker, badHandshakes, weakIdentity } from '../support/bad-handshakes.js';
import { DIFFICULTY, type RealNode, useStartedNodes } from '../support/flood-setup.js';
import { HandshakeTarget } from '../support/handshake-target.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

/** Long enough for an honest handshake on a loaded machine; stalled connections are held this long. */
const HANDSHAKE_TIMEOUT_MS = 5_000;
/** The node's bounds on handshakes in progress: from one address range (a /24), and in all (node defaults). */
const PER_RANGE = 8;
const PENDING = 32;
/** Loops of bad handshakes in the attack, and of stalled connections from a loopback address in another /24 (far beyond its slots). */
const LANES = 6;
const STALL_LANES = 40;
const ATTACK_MS = 4_000;
/**
 * Pause after each honest fetch: keeps the honest peer under the target's own per-peer budget (1,000
 * requests a second, spec/routing.md §8), which a quiet machine's back-to-back fetches exceed.
 */
const HONEST_PAUSE_MS = 2;
const STALL_ADDRESS = '127.0.1.1';

describe('bad handshakes over TCP (real node in its own process)', function () {
  // A hang guard: a loaded machine takes longer, and nothing here depends on how long.
  this.timeout(180_000);
  const defer = useTeardown();

  const startNode = useStartedNodes(defer);

  async function linkedPeer(address: string): Promise<RealNode> {
    const real = await startNode();
    await real.transport.dial(address);
    await until(() => real.node.peers.size === 1, 'the link to the node');
    return real;
  }

  it('refuses and closes each kind for its own reason, bounds handshakes in progress, and keeps serving and linking honest peers', async () => {
    const target = new HandshakeTarget();
    defer(() => target.stop());
    const started = await target.start(DIFFICULTY, 200, HANDSHAKE_TIMEOUT_MS);
    const { address } = started;
    const keys = started.keys.map(fromHex);
    const honest = await linkedPeer(address);

    // Each kind on its own: every one resolves once the node has closed its connection.
    for (const kind of Object.values(badHandshakes(await weakIdentity(DIFFICULTY), await mintIdentity({ difficulty: DIFFICULTY })))) await kind(address);
    const refused = await target.state();
    for (const reason of [
      /^refused: invalid identity proof: proof has \d+ leading zero bits, network requires 8$/,
      /^refused: the Hello's key is not the key that authenticated the link$/,
      /^refused: the first frame is ping, not Hello$/,
      /^protocol violation: frame of 36865 bytes exceeds the 36864-byte limit$/,
    ])
      assert.ok(
        refused.refusedLinks.some((logged) => reason.test(logged)),
        `no refusal logged matching ${reason}`,
      );

    // Everything at once, from a worker, while the honest peer fetches: bad handshakes of every kind
    // from 127.0.0.1, and stalled connections from 127.0.1.1, each reopened as soon as it is closed.
    await target.watch();
    let attackOver = false;
    const attack = attackInWorker({ address, difficulty: DIFFICULTY, ms: ATTACK_MS, lanes: LANES, stallLanes: STALL_LANES, stallAddress: STALL_ADDRESS });
    const attackDone = attack.finally(() => (attackOver = true));
    const late = linkedPeer(address).then(
      () => 'linked',
      (error: Error) => error.message,
    );
    const failed: string[] = [];
    let fetched = 0;
    for (let i = 0; !attackOver; i++, fetched++) {
      await honest.node.request(keys[i % keys.length]!).catch((error: Error) => failed.push(error.message));
      // Also lets the attack's report in: a fetch that fails at once settles without leaving the microtask queue.
      await sleep(HONEST_PAUSE_MS);
    }
    const [{ handshakes, stalls }, lateOutcome] = await Promise.all([attackDone, late]);
    const after = await target.state();
    console.log(
      `      during ${handshakes} bad handshakes and ${stalls.length} stalled connections: ${fetched} honest fetches, ${failed.length} failed; ` +
        `at most ${after.mostPendingHandshakes} handshakes in progress at once`,
    );

    // Stalled connections held at most their range's share of the slots; beyond, each newer one evicted an older one.
    assert.ok(after.mostPendingHandshakes <= PENDING, `${after.mostPendingHandshakes} handshakes in progress at once`);
    const limited = after.refusedAccepts.filter((code) => code === 'ERR_HANDSHAKE_LIMIT').length;
    assert.ok(limited >= STALL_LANES - PER_RANGE, `only ${limited} handshakes evicted for the bound`);
    // The honest peer stayed linked and every fetch of it succeeded; a peer dialling during the attack was linked.
    assert.equal(honest.node.peers.size, 1, 'the honest peer stayed linked');
    assert.ok(fetched > 0);
    assert.deepEqual(failed, [], 'every honest fetch succeeded');
    assert.equal(lateOutcome, 'linked', 'a peer dialling during the attack was not linked');
  });
});
