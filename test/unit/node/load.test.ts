import assert from 'node:assert/strict';
import type { Clock } from '../../../node/components.js';
import { LoadLimiter, TokenBucket } from '../../../node/load.js';
import { chkNear } from '../../support/node-fixtures.js';
import { useSimulatedNetworks } from '../../support/simulated-networks.js';

/** A clock that moves only when told to. */
function manualClock(): Clock & { at: number } {
  return {
    at: 0,
    now() {
      return this.at;
    },
    setTimer: () => assert.fail('the load limiter needs no timer'),
  };
}

function takeAll(bucket: TokenBucket): number {
  let taken = 0;
  while (bucket.tryTake()) taken++;
  return taken;
}

describe('node/load', () => {
  describe('TokenBucket', () => {
    it('starts full and gives out exactly its burst at once', () => {
      const bucket = new TokenBucket({ clock: manualClock() }, { ratePerSecond: 10, burst: 5 });
      assert.equal(takeAll(bucket), 5);
      assert.equal(bucket.tryTake(), false);
    });

    it('refills at its rate, token by token', () => {
      const clock = manualClock();
      const bucket = new TokenBucket({ clock }, { ratePerSecond: 10, burst: 5 });
      takeAll(bucket);
      clock.at = 50;
      assert.equal(bucket.tryTake(), false, 'half a token is not a token');
      assert.equal(bucket.available, 0.5);
      clock.at = 100;
      assert.equal(bucket.tryTake(), true);
      assert.equal(bucket.tryTake(), false);
      clock.at = 400;
      assert.equal(takeAll(bucket), 3);
    });

    it('never holds more than its burst, however long it rests', () => {
      const clock = manualClock();
      const bucket = new TokenBucket({ clock }, { ratePerSecond: 1_000, burst: 20 });
      takeAll(bucket);
      clock.at = 3_600_000;
      assert.equal(bucket.available, 20);
      assert.equal(takeAll(bucket), 20);
    });

    it('admits the rate over a long run: burst plus rate × time', () => {
      const clock = manualClock();
      const bucket = new TokenBucket({ clock }, { ratePerSecond: 1_000, burst: 2_000 });
      let admitted = 0;
      // 8 requests every millisecond for 10 s: 80,000 offered.
      for (let ms = 0; ms < 10_000; ms++) {
        clock.at = ms;
        for (let i = 0; i < 8; i++) if (bucket.tryTake()) admitted++;
      }
      assert.equal(admitted, 2_000 + 9_999);
    });

    it('refuses a rate or burst that cannot work', () => {
      assert.throws(() => new TokenBucket({ clock: manualClock() }, { ratePerSecond: 0, burst: 5 }), RangeError);
      assert.throws(() => new TokenBucket({ clock: manualClock() }, { ratePerSecond: 5, burst: 0.5 }), RangeError);
    });
  });

  describe('LoadLimiter', () => {
    /** A limiter on a manual clock, in a node with `active.routes` routes in flight. */
    function limiter(init: ConstructorParameters<typeof LoadLimiter>[1], active = { routes: 0 }): LoadLimiter {
      return new LoadLimiter({ clock: manualClock(), activeRoutes: () => active.routes }, init);
    }

    it('gives each peer its own bucket', () => {
      const load = limiter({ maxActive: 100, requestsPerSecondPerPeer: 10, requestBurstPerPeer: 3 });
      load.peerConnected('a');
      load.peerConnected('b');
      for (let i = 0; i < 3; i++) {
        assert.equal(load.admit('a'), 'admitted');
        load.handled('a');
      }
      assert.equal(load.admit('a'), 'refused');
      assert.equal(load.admit('b'), 'admitted');
    });

    it('refuses a peer that is not connected', () => {
      assert.equal(limiter({ maxActive: 100 }).admit('stranger'), 'refused');
    });

    it('bounds the routes one peer holds to twice an even share, at least the minimum', () => {
      const load = limiter({ maxActive: 100, minRoutesPerPeer: 8 });
      for (const peer of ['a', 'b', 'c', 'd']) load.peerConnected(peer);
      assert.equal(load.routesPerPeer, 50);
      for (let i = 0; i < 50; i++) load.routeOpened('a');
      assert.equal(load.heldBy('a'), 50);
      assert.equal(load.admit('a'), 'refused', 'a holds its whole share');
      assert.equal(load.admit('b'), 'admitted', 'the others are not affected');
      load.routeEnded('a');
      assert.equal(load.admit('a'), 'admitted');
      for (let i = 0; i < 96; i++) load.peerConnected(`peer ${i}`);
      assert.equal(load.routesPerPeer, 8, 'with 100 peers the minimum applies');
    });

    it('never gives one peer the whole table: with one or two peers each may hold half of it', () => {
      const active = { routes: 0 };
      const load = limiter({ maxActive: 100, minRoutesPerPeer: 8 }, active);
      load.peerConnected('a');
      assert.equal(load.routesPerPeer, 50, 'alone, a peer holds half the table');
      load.peerConnected('b');
      assert.equal(load.routesPerPeer, 50);
      for (let i = 0; i < 50; i++) assert.equal(load.admit('a'), 'admitted');
      assert.equal(load.admit('a'), 'refused', 'a holds its half');
      active.routes = 0;
      for (let i = 0; i < 50; i++) assert.equal(load.admit('b'), 'admitted', 'the other half is there for b');
      assert.equal(load.admit('b'), 'refused');
      assert.equal(limiter({ maxActive: 100, maxTableSharePerPeer: 0.25 }).routesPerPeer, 25, 'the fraction is a setting');
    });

    it("shrinks a misbehaving peer's share, lets the score decay, and says when to disconnect it", () => {
      const clock = manualClock();
      const load = new LoadLimiter({ clock, activeRoutes: () => 0 }, { maxActive: 100, misbehaviourLimit: 4, misbehaviourHalfLifeMs: 1_000 });
      load.peerConnected('a');
      load.peerConnected('b');
      assert.equal(load.shareOf('a'), 50);
      assert.equal(load.recordMisbehaviour('a'), false);
      assert.equal(load.shareOf('a'), 25, 'one point halves the share');
      assert.equal(load.shareOf('b'), 50, 'the others keep theirs');
      for (let i = 0; i < 25; i++) assert.equal(load.admit('a'), 'admitted');
      assert.equal(load.admit('a'), 'refused');
      clock.at = 1_000;
      assert.equal(load.misbehaviourOf('a'), 0.5, 'the score halves in a half-life');
      assert.equal(load.shareOf('a'), 33);
      for (let i = 0; i < 3; i++) assert.equal(load.recordMisbehaviour('a'), false);
      assert.equal(load.recordMisbehaviour('a'), true, 'at the limit (4.5 ≥ 4): disconnect it');
      assert.equal(load.recordMisbehaviour('stranger'), false, 'a peer not connected is not scored');
    });

    it('takes a peer that goes on sending at more than twice its budget for a misbehaving one, and refuses it for a while', () => {
      const clock = manualClock();
      const load = new LoadLimiter(
        { clock, activeRoutes: () => 0 },
        { maxActive: 100, requestsPerSecondPerPeer: 10, requestBurstPerPeer: 3, misbehaviourHalfLifeMs: 1_000 },
      );
      load.peerConnected('a');
      const verdicts: string[] = [];
      for (let i = 0; i < 7; i++) {
        const verdict = load.admit('a');
        verdicts.push(verdict);
        if (verdict === 'admitted') load.handled('a');
      }
      assert.deepEqual(verdicts, ['admitted', 'admitted', 'admitted', 'refused', 'refused', 'refused', 'misbehaving'], 'a burst admitted, a burst refused');
      assert.ok(load.misbehaviourOf('a') >= 96, 'its score is at twice the limit');
      load.peerDisconnected('a');
      clock.at = 500;
      assert.equal(load.peerConnected('a'), false, 'coming back at once, it is refused');
      load.peerDisconnected('a');
      clock.at = 1_100;
      assert.equal(load.peerConnected('a'), true, 'after a half-life it may come back');
      assert.ok(load.shareOf('a') <= 1, 'with a share of almost nothing while its score decays');
      assert.equal(load.peerConnected('b'), true);
    });

    it('refuses, and does not count, a peer that stays within twice its budget', () => {
      const clock = manualClock();
      const load = new LoadLimiter({ clock, activeRoutes: () => 0 }, { maxActive: 100, requestsPerSecondPerPeer: 1_000, requestBurstPerPeer: 2_000 });
      load.peerConnected('a');
      const verdicts = new Map<string, number>();
      // 2,000 requests a second for a minute: every second, as many refused as admitted.
      for (let ms = 0; ms < 60_000; ms++) {
        clock.at = ms;
        for (let i = 0; i < 2; i++) {
          const verdict = load.admit('a');
          verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
          if (verdict === 'admitted') load.handled('a');
        }
      }
      assert.equal(verdicts.get('misbehaving'), undefined);
      assert.equal(load.misbehaviourOf('a'), 0);
    });

    it('remembers the misbehaviour of a peer that disconnects: coming back does not clear it', () => {
      const clock = manualClock();
      const load = new LoadLimiter({ clock, activeRoutes: () => 0 }, { maxActive: 100, misbehaviourHalfLifeMs: 1_000 });
      load.peerConnected('a');
      load.recordMisbehaviour('a');
      load.recordMisbehaviour('a');
      load.peerDisconnected('a');
      clock.at = 1_000;
      load.peerConnected('a');
      assert.equal(load.misbehaviourOf('a'), 1, 'the score decayed while away, and came back with the peer');
      assert.equal(load.shareOf('a'), 25);
      load.peerConnected('b');
      assert.equal(load.misbehaviourOf('b'), 0);
      clock.at = 100_000;
      load.peerDisconnected('a');
      load.peerConnected('a');
      assert.ok(load.misbehaviourOf('a') < 1e-6, 'long after, nothing is left of it');
    });

    it('counts an admitted request against its peer until its handler is done', () => {
      const load = limiter({ maxActive: 100, minRoutesPerPeer: 3 });
      for (let i = 0; i < 100; i++) load.peerConnected(`peer ${i}`);
      for (let i = 0; i < 3; i++) assert.equal(load.admit('peer 0'), 'admitted');
      assert.equal(load.heldBy('peer 0'), 3);
      assert.equal(load.admit('peer 0'), 'refused', 'three lookups in progress fill the share of 3');
      load.routeOpened('peer 0');
      load.handled('peer 0');
      assert.equal(load.heldBy('peer 0'), 3, 'the handler opened a route: it still counts');
      load.handled('peer 0');
      assert.equal(load.admit('peer 0'), 'admitted');
    });

    it("refuses everyone while the node's table, with the requests being handled, is full", () => {
      const active = { routes: 98 };
      const load = limiter({ maxActive: 100 }, active);
      load.peerConnected('a');
      load.peerConnected('b');
      assert.equal(load.admit('a'), 'admitted');
      assert.equal(load.admit('b'), 'admitted');
      assert.equal(load.admit('a'), 'refused');
      assert.equal(load.admit('b'), 'refused');
      load.handled('a');
      assert.equal(load.admit('b'), 'admitted');
      active.routes = 100;
      load.handled('a');
      load.handled('b');
      assert.equal(load.admit('a'), 'refused');
    });

    it("drops a peer's state when it disconnects and starts afresh when it returns", () => {
      const load = limiter({ maxActive: 100, requestBurstPerPeer: 1 });
      load.peerConnected('a');
      load.routeOpened('a');
      assert.equal(load.admit('a'), 'admitted');
      load.peerDisconnected('a');
      assert.equal(load.size, 0);
      assert.equal(load.heldBy('a'), 0);
      load.handled('a');
      load.routeEnded('a');
      load.peerConnected('a');
      load.routeEnded('a');
      load.handled('a');
      assert.equal(load.heldBy('a'), 0, 'work from the old link never counts below zero');
      assert.equal(load.admit('a'), 'admitted', 'a full bucket again');
    });
  });

  describe('in a node', () => {
    const simulate = useSimulatedNetworks();

    it("answers requests beyond a peer's budget with RejectedOverload{local: true}, before any lookup", async () => {
      // 0 asks 1, which holds the block; 1 gives 0 a burst of 2 at 1 request per second.
      const sim = await simulate({
        seed: 'load/budget',
        locations: [0.1, 0.5],
        edges: [[0, 1]],
        node: { requestBurstPerPeer: 2, requestsPerSecondPerPeer: 1 },
      });
      const keys = ['a', 'b', 'c'].map((label) => chkNear(0.5, 0.01, label));
      for (const { routingKey, block } of keys) await sim.nodes[1]!.store.put(routingKey, block, { partition: 'store' });
      const replies: string[] = [];
      sim.network.onDelivery(({ envelope }) => {
        if (envelope.body.type === 'dataFound' || envelope.body.type === 'rejectedOverload') replies.push(envelope.body.type);
        if (envelope.body.type === 'rejectedOverload') assert.equal(envelope.body.local, true);
      });
      const results = keys.map(({ routingKey }) =>
        sim.nodes[0]!.node.request(routingKey).then(
          () => 'found',
          (error: Error) => error.name,
        ),
      );
      await sim.clock.run();
      assert.deepEqual(await Promise.all(results), ['found', 'found', 'OverloadedError']);
      assert.deepEqual(replies.sort(), ['dataFound', 'dataFound', 'rejectedOverload']);
      assert.ok(sim.nodes[0]!.node.peers.get(sim.nodes[1]!.transport.peer.id)!.backoffUntil > 0, 'the sender backed the peer off');
    });

    it('disconnects a peer that goes on sending beyond twice its budget, and refuses it when it comes back at once', async () => {
      const sim = await simulate({ seed: 'load/overrun', locations: [0.5], edges: [], node: { requestBurstPerPeer: 4, requestsPerSecondPerPeer: 1 } });
      const target = sim.nodes[0]!;
      const flooder = sim.network.createTransport({ location: 0.9 });
      await flooder.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: () => undefined });
      sim.network.link(flooder, target.transport);
      await sim.clock.run({ until: sim.clock.now() });
      for (let tx = 1n; tx <= 12n; tx++)
        flooder.send(target.transport.peer.id, {
          tx,
          body: { type: 'dataRequest', keyType: 'chk', routingKey: chkNear(0.5, 0.01, `${tx}`).routingKey, htl: 5 },
        });
      await sim.clock.advance(100);
      assert.deepEqual(target.transport.connectedPeers, [], 'four admitted, four refused, then disconnected');
      sim.network.link(flooder, target.transport);
      await sim.clock.advance(100);
      assert.deepEqual(target.transport.connectedPeers, [], 'refused on coming back');
    });

    it('tracks exactly the connected peers', async () => {
      const sim = await simulate({
        seed: 'load/peers',
        locations: [0.1, 0.3, 0.5],
        edges: [
          [0, 1],
          [1, 2],
          [0, 2],
        ],
      });
      assert.equal(sim.nodes[0]!.node.load.size, 2);
      sim.nodes[0]!.transport.disconnect(sim.nodes[1]!.transport.peer.id, 'test');
      await sim.clock.run({ until: sim.clock.now() });
      assert.equal(sim.nodes[0]!.node.load.size, 1);
      await sim.stop();
      assert.equal(sim.nodes[0]!.node.load.size, 0);
    });
  });
});
