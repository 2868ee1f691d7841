/**
 * Silent connections that hold handshake slots, over real TCP on loopback (spec/wire.md §10.6):
 * 16 from one address, and 32 from two address ranges reopened as soon as the node closes them;
 * then a range opening connections faster than its accept budget allows.
 * Loopback addresses in distinct /24s (127.0.1.1, 127.0.2.1) stand for distinct ranges; the honest
 * peer dials from 127.0.0.1, a third. It must still join, and the silent connections must be closed.
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { TCP_TRANSPORT_DEFAULTS } from '../../node/net/config.js';
import { attackInWorker, closeOf, socketTo } from '../support/bad-handshakes.js';
import { DIFFICULTY, type RealNode, startNode } from '../support/flood-setup.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

const SHARE = TCP_TRANSPORT_DEFAULTS.maxPendingHandshakesPerRange;

describe('adversarial: silent connections holding handshake slots', function () {
  // A hang guard: nothing here depends on how long anything takes.
  this.timeout(120_000);
  const defer = useTeardown();

  async function node(): Promise<RealNode> {
    const real = await startNode();
    defer(() => real.node.stop());
    return real;
  }

  /** An honest node dials the target (from 127.0.0.1) and is linked. */
  async function honestJoins(target: RealNode): Promise<void> {
    const honest = await node();
    await honest.transport.dial(target.transport.addresses[0]!);
    await until(() => target.node.peers.size === 1 && honest.node.peers.size === 1, 'the honest link');
  }

  it('16 silent connections from one address hold at most its share, and an honest peer still joins', async () => {
    const target = await node();
    const address = target.transport.addresses[0]!;
    const silent: Socket[] = [];
    for (let index = 0; index < 16; index++) silent.push(await socketTo(address, '127.0.1.1'));
    // Beyond the range's share, each newer connection evicted one of the oldest.
    await until(() => silent.filter((socket) => socket.closed).length >= 16 - SHARE, 'the evictions');
    assert.ok(target.transport.pendingHandshakes <= SHARE, `${target.transport.pendingHandshakes} handshakes in progress`);
    await honestJoins(target);
    // The rest are closed when their handshake times out: a held slot is never held for good.
    await Promise.all(silent.map(closeOf));
    await until(() => target.transport.pendingHandshakes === 0, 'every slot given back');
    assert.equal(target.node.peers.size, 1);
  });

  it('32 silent connections from two ranges, reopened as soon as closed, leave a newcomer from a third its slot', async () => {
    const target = await node();
    const address = target.transport.addresses[0]!;
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, target.transport.pendingHandshakes)), 2);
    defer(() => clearInterval(sampler));
    const plan = { address, difficulty: DIFFICULTY, ms: 4_000, lanes: 0, stallLanes: 16 };
    const attacks = [attackInWorker({ ...plan, stallAddress: '127.0.1.1' }), attackInWorker({ ...plan, stallAddress: '127.0.2.1' })];
    await until(() => target.transport.pendingHandshakes >= 2 * SHARE, 'both ranges to hold their share');
    await honestJoins(target);
    const reports = await Promise.all(attacks);
    clearInterval(sampler);
    const closed = reports.reduce((sum, report) => sum + report.stalls.length, 0);
    console.log(`      ${closed} silent connections closed by the node; at most ${most} handshakes in progress at once`);
    // Each range held at most its share (the honest peer's handshake the one more); the rest were evicted.
    assert.ok(most <= 2 * SHARE + 1, `${most} handshakes in progress at once`);
    assert.ok(closed >= 32 - 2 * SHARE, `only ${closed} silent connections closed`);
    await until(() => target.transport.pendingHandshakes === 0, 'every slot given back');
    assert.equal(target.node.peers.size, 1, 'the honest peer stayed linked');
  });

  it('a range opening connections as fast as it can has those beyond its accept budget closed at accept, and a newcomer from another joins', async () => {
    const target = await node();
    const address = target.transport.addresses[0]!;
    const { acceptBurstPerRange, acceptsPerRangePerSecond } = TCP_TRANSPORT_DEFAULTS;
    const opened = 400;
    const startedAt = performance.now();
    const flood = await Promise.all(Array.from({ length: opened }, () => socketTo(address, '127.0.3.1')));
    // Each is closed by the node: at accept, evicted by a newer one, or at its handshake timeout.
    await Promise.all(flood.map(closeOf));
    const admitted = opened - target.transport.refusedAccepts;
    const budget = acceptBurstPerRange + (acceptsPerRangePerSecond * (performance.now() - startedAt)) / 1000;
    console.log(`      ${target.transport.refusedAccepts} of ${opened} connections closed at accept; ${admitted} admitted (budget ${Math.floor(budget)})`);
    assert.ok(admitted <= budget, `${admitted} connections admitted, beyond the budget of ${Math.floor(budget)}`);
    await honestJoins(target);
  });
});
