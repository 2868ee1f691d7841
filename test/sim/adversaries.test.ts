import assert from 'node:assert/strict';
import { type FractionResult, runAttackerFractions } from '../../sim/adversaries/fractions.js';
import { InterceptingTransport } from '../../sim/adversaries/intercept.js';
import { blackholeScenario } from '../../sim/scenarios/blackhole.js';
import { poisonScenario } from '../../sim/scenarios/poison.js';
import { VirtualClock } from '../../sim/clock.js';
import { MemoryNetwork } from '../../sim/memory-network.js';
import { SeededRng } from '../../sim/rng.js';
import type { Envelope } from '../../protocol/wire/messages.js';

const SMALL = { nodes: 120, requests: 300 };

describe('sim/adversaries: the intercepting transport', () => {
  it('hands the node what the interceptor passes on, and lets it answer the rest itself', async () => {
    const clock = new VirtualClock();
    const network = new MemoryNetwork({ clock, rng: new SeededRng('intercept') });
    const [honest, inner] = [network.createTransport({ location: 0.1 }), network.createTransport({ location: 0.2 })];
    const seenByNode: string[] = [];
    const seenByHonest: string[] = [];
    const wrapped = new InterceptingTransport(inner, (_from, envelope, reply) => {
      if (envelope.body.type !== 'ping') return false;
      reply({ tx: envelope.tx, body: { type: 'pong' } });
      return true;
    });
    await wrapped.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: (_from, { body }) => void seenByNode.push(body.type) });
    await honest.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: (_from, { body }) => void seenByHonest.push(body.type) });
    network.link(honest, inner);
    const send = (body: Envelope['body']) => honest.send(inner.peer.id, { tx: 1n, body });
    send({ type: 'ping' });
    send({ type: 'dataNotFound' });
    await clock.run();
    assert.deepEqual(seenByNode, ['dataNotFound']);
    assert.deepEqual(seenByHonest, ['pong']);
    assert.deepEqual(wrapped.addresses, inner.addresses);
  });
});

describe('scenarios blackhole and poison (seeded, 120 nodes)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let blackHoles: FractionResult[];
  let stallers: FractionResult[];
  let poisoners: FractionResult[];

  before(async () => {
    blackHoles = await runAttackerFractions({ kind: 'blackhole', seed: 'adversaries', ...SMALL });
    stallers = await runAttackerFractions({ kind: 'stall', seed: 'adversaries', ...SMALL });
    poisoners = await runAttackerFractions({ kind: 'poison', seed: 'adversaries', ...SMALL });
  });

  it('runs 0, 10, 20 and 30% attackers; the attackers take requests, and no invalid block ever reaches a requester', () => {
    for (const results of [blackHoles, stallers, poisoners]) {
      assert.deepEqual(
        results.map((result) => result.attackers),
        [0, 12, 24, 36],
      );
      assert.equal(results[0]!.intercepted, 0);
      for (const result of results.slice(1)) assert.ok(result.intercepted > 0, `${result.fraction}: nothing intercepted`);
      for (const result of results) assert.equal(result.metrics.invalidBlocksDelivered, 0);
    }
  });

  it('black holes cost hops as they grow, not success: a peer that never takes a request on is passed over', () => {
    const success = blackHoles.map((result) => result.metrics.successRate);
    assert.ok(success[0]! >= 0.97, `no attackers: ${success[0]}`);
    assert.ok(success[3]! >= 0.95, `30%: ${success[3]}`);
    const hops = blackHoles.map((result) => result.metrics.hops.mean);
    assert.ok(hops[3]! > hops[0]!, `hops ${hops.join(', ')}`);
  });

  it("stallers, which acknowledge a request and never answer it, cost each request they hold a hop's whole time", () => {
    const latency = (results: FractionResult[]) => results[3]!.metrics.latencyMs.mean;
    assert.ok(latency(stallers) > latency(blackHoles), `mean latency with 30%: stallers ${latency(stallers)}, black holes ${latency(blackHoles)}`);
    assert.ok(stallers[3]!.metrics.successRate <= blackHoles[3]!.metrics.successRate);
  });

  it('poisoners cost hops, not success: every forged block is refused and the request goes elsewhere', () => {
    for (const result of poisoners) assert.ok(result.metrics.successRate >= 0.95, `${result.fraction}: ${result.metrics.successRate}`);
    assert.ok(poisoners[3]!.metrics.hops.mean > poisoners[0]!.metrics.hops.mean);
  });

  it('honest peers drop poisoners once they have sent too many invalid blocks; black holes keep their links', () => {
    for (const { attackerLinks, fraction } of poisoners.slice(1))
      assert.ok(attackerLinks.after <= attackerLinks.before, `${fraction}: ${JSON.stringify(attackerLinks)}`);
    const { attackerLinks } = poisoners[3]!;
    assert.ok(attackerLinks.after < attackerLinks.before, `30%: ${JSON.stringify(attackerLinks)}`);
    for (const { attackerLinks, fraction } of blackHoles.slice(1)) assert.equal(attackerLinks.after, attackerLinks.before, `${fraction}`);
  });

  it('reports a table row per fraction, the chart, and the same report for the same seed', async () => {
    const options = { seed: 'adversary-report', nodes: 60, requests: 80 };
    const [first, second] = [await blackholeScenario.run(options), await blackholeScenario.run(options)];
    assert.equal(JSON.stringify(first), JSON.stringify(second));
    assert.equal(first.tables[0]!.rows.length, 4);
    assert.equal(first.charts[0]!.title, 'Success against attacker fraction');
    assert.equal(first.figures.find((figure) => figure.name === 'invalid blocks delivered to requesters')?.value, 0);
    const poison = await poisonScenario.run(options);
    assert.equal(poison.scenario, 'poison');
    assert.equal(poison.figures.find((figure) => figure.name === 'invalid blocks delivered to requesters')?.value, 0);
  });
});
