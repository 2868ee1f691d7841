import assert from 'node:assert/strict';
import { createSimulatedNetwork } from '../../sim/simulated-network.js';
import { SeededRng } from '../../sim/rng.js';
import { idealLocations, smallWorldEdges } from '../../sim/topology.js';
import { WorkloadStalledError } from '../../sim/errors.js';
import { drive, runTraffic, runWorkload, type WorkloadMetrics, workloadFigures } from '../../sim/workload.js';
import { useSimulatedNetworks } from '../support/simulated-networks.js';

const NODES = 300;
const BLOCK_BYTES = 1024;

async function run(seed: string): Promise<WorkloadMetrics> {
  const sim = await createSimulatedNetwork({
    seed,
    locations: idealLocations(NODES),
    edges: smallWorldEdges(NODES, new SeededRng(`${seed}/edges`)),
    blockBytes: BLOCK_BYTES,
    storeBudgetBytes: 64 * BLOCK_BYTES,
    cacheBudgetBytes: 64 * BLOCK_BYTES,
  });
  try {
    return await runWorkload(sim, { keys: 300, requests: 800, requestIntervalMs: 5 });
  } finally {
    await sim.stop();
  }
}

describe('sim/workload on a 300-node ideal small world (seeded)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let metrics: WorkloadMetrics;

  before(async () => {
    metrics = await run('workload-test');
  });

  it('stores every insert, finds almost every request, and never hands out an invalid block', () => {
    assert.equal(metrics.inserts.succeeded, 300);
    assert.ok(metrics.successRate >= 0.97, `success ${metrics.successRate}`);
    assert.equal(metrics.invalidBlocksDelivered, 0);
    assert.equal(metrics.succeeded, Math.round(metrics.successRate * 800));
  });

  it('counts hops per successful request consistently with the messages', () => {
    const counted = metrics.hops.histogram.reduce((sum, [, count]) => sum + count, 0);
    assert.equal(counted, metrics.succeeded);
    assert.ok(metrics.hops.mean >= 1 && metrics.hops.mean <= 8, `mean hops ${metrics.hops.mean}`);
    assert.ok(metrics.hops.p50 <= metrics.hops.p95);
    // Every hop is a request and an answer; backtracking and replies add to that.
    assert.ok(metrics.messagesPerSuccess >= 1.5 * metrics.hops.mean, `${metrics.messagesPerSuccess} messages for ${metrics.hops.mean} hops`);
    assert.ok(metrics.bytesPerSuccess > BLOCK_BYTES);
    assert.ok(metrics.latencyMs.p50 > 0 && metrics.latencyMs.p50 <= metrics.latencyMs.p95);
  });

  it('measures load, fill and the originator guess within sensible bounds', () => {
    assert.ok(metrics.loadGini > 0 && metrics.loadGini < 0.8, `Gini ${metrics.loadGini}`);
    assert.ok(metrics.storeFill > 0 && metrics.storeFill <= 1);
    assert.ok(metrics.cacheFill > 0 && metrics.cacheFill <= 1);
    // The default HTL design (v1) lets a neighbour beat 1/2 (spec/routing.md §2); test/sim/anonymity.test.ts bounds design v2.
    const { originator } = metrics;
    assert.ok(originator.prior > 0 && originator.prior <= originator.worst.value, `prior ${originator.prior}, worst ${originator.worst.value}`);
    assert.ok(originator.worst.value <= 1, `worst ${originator.worst.value} at ${originator.worst.observation}`);
    assert.ok(originator.meanWhenOriginator <= originator.worst.value);
    assert.ok(metrics.events > metrics.requests);
    assert.equal(workloadFigures(metrics).find((figure) => figure.name === 'success rate')?.value, metrics.successRate);
  });

  it('gives byte-identical metrics for the same seed, and different ones for another', async () => {
    assert.equal(JSON.stringify(await run('workload-test')), JSON.stringify(metrics));
    assert.notEqual(JSON.stringify(await run('workload-test/other')), JSON.stringify(metrics));
  });

  it('runs the same traffic unmeasured: the same events, messages and stores as the measured workload', async () => {
    const outcomes = [];
    for (const unmeasured of [false, true]) {
      const sim = await createSimulatedNetwork({
        seed: 'traffic-test',
        locations: idealLocations(100),
        edges: smallWorldEdges(100, new SeededRng('traffic-test/edges')),
        blockBytes: BLOCK_BYTES,
        storeBudgetBytes: 32 * 1024,
        cacheBudgetBytes: 32 * 1024,
      });
      try {
        const init = { keys: 60, requests: 200, label: 'traffic' };
        const events = unmeasured ? await runTraffic(sim, init) : (await runWorkload(sim, init)).events;
        outcomes.push({ events, network: sim.network.stats, stores: sim.nodes.map(({ store }) => store.stats()) });
      } finally {
        await sim.stop();
      }
    }
    assert.ok(outcomes[0]!.events > 200);
    assert.deepEqual(outcomes[1], outcomes[0]);
  });

  describe('drive', () => {
    const simulate = useSimulatedNetworks();

    it('rejects with an exception an operation lets through, and names a stall', async () => {
      const sim = await simulate({ seed: 'drive', locations: idealLocations(5), edges: smallWorldEdges(5, new SeededRng('drive/edges')) });
      const rng = new SeededRng('drive/arrivals');
      await assert.rejects(
        drive(
          sim,
          'testing',
          3,
          10,
          rng,
          async (index) => {
            if (index === 1) throw new RangeError('a bug in the operation');
          },
          undefined,
        ),
        /a bug in the operation/,
      );
      await assert.rejects(
        drive(sim, 'waiting', 2, 10, rng, () => new Promise(() => undefined), undefined),
        WorkloadStalledError,
      );
      let events = 0;
      assert.equal(
        await drive(
          sim,
          'counting',
          4,
          10,
          rng,
          async () => undefined,
          undefined,
          (fired) => (events += fired),
        ),
        events,
      );
      assert.equal(events, 4);
    });
  });
});
