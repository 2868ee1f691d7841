import assert from 'node:assert/strict';
import { encodeChk } from '../../protocol/keys/chk.js';
import { createSimulatedNetwork, type SimulatedNetwork } from '../../sim/simulated-network.js';
import { GREEDY_FROM_ORIGINATOR } from '../support/simulated-networks.js';
import { SeededRng } from '../../sim/rng.js';
import { idealLocations, smallWorldEdges } from '../../sim/topology.js';

const NODES = 200;
const OPERATIONS = 1_000;

interface WorkloadResult {
  insertSuccess: number;
  fetchSuccess: number;
  meanHops: number;
  p95Hops: number;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/** Inserts OPERATIONS blocks from random nodes, then fetches each from another random node. */
async function runWorkload(sim: SimulatedNetwork, seed: string): Promise<WorkloadResult> {
  const rng = new SeededRng(seed);
  const blocks = Array.from({ length: OPERATIONS }, (_, index) => encodeChk(new TextEncoder().encode(`block ${seed} ${index}`)));
  const inserts = blocks.map(({ routingKey, block }) =>
    rng
      .pick(sim.nodes)
      .node.insert(routingKey, block)
      .then(
        () => true,
        () => false,
      ),
  );
  await sim.clock.run();
  const inserted = (await Promise.all(inserts)).filter(Boolean).length;

  const requestsPerTx = new Map<bigint, number>();
  const stopTap = sim.network.onDelivery(({ envelope }) => {
    if (envelope.body.type === 'dataRequest') requestsPerTx.set(envelope.tx, (requestsPerTx.get(envelope.tx) ?? 0) + 1);
  });
  const fetches = blocks.map(({ routingKey }) =>
    rng
      .pick(sim.nodes)
      .node.request(routingKey)
      .then(
        () => true,
        () => false,
      ),
  );
  await sim.clock.run();
  const fetched = (await Promise.all(fetches)).filter(Boolean).length;
  stopTap();
  const hops = [...requestsPerTx.values()];
  return {
    insertSuccess: inserted / OPERATIONS,
    fetchSuccess: fetched / OPERATIONS,
    meanHops: hops.reduce((sum, value) => sum + value, 0) / Math.max(1, hops.length),
    p95Hops: percentile(hops, 0.95),
  };
}

async function smallWorld(seed: string, shuffleLocations: boolean): Promise<WorkloadResult> {
  const rng = new SeededRng(seed);
  const locations = idealLocations(NODES);
  if (shuffleLocations) rng.shuffle(locations);
  // Greedy from the originator: what is compared is how navigable the locations are, which only greedy routing
  // reads; design v2's mixing chain (node/htl.ts) would add the same random hops to both.
  const sim = await createSimulatedNetwork({ seed, locations, edges: smallWorldEdges(NODES, rng, { degree: 10 }), node: GREEDY_FROM_ORIGINATOR });
  try {
    return await runWorkload(sim, `${seed}/workload`);
  } finally {
    await sim.stop();
  }
}

function describeResult(label: string, result: WorkloadResult): string {
  return (
    `${label}: inserts ${(100 * result.insertSuccess).toFixed(1)}%, fetches ${(100 * result.fetchSuccess).toFixed(1)}%, ` +
    `DataRequest hops per fetch mean ${result.meanHops.toFixed(2)}, p95 ${result.p95Hops}`
  );
}

describe('node core on a 200-node small world (seeded)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let ideal: WorkloadResult;

  it('1,000 inserts then 1,000 fetches from random nodes succeed at least 99% with ideal locations', async () => {
    ideal = await smallWorld('small-world/ideal', false);
    console.log(`      ${describeResult('ideal locations', ideal)}`);
    assert.ok(ideal.insertSuccess >= 0.99, describeResult('ideal', ideal));
    assert.ok(ideal.fetchSuccess >= 0.99, describeResult('ideal', ideal));
  });

  it('does much worse when the same graph has shuffled locations', async () => {
    const shuffled = await smallWorld('small-world/ideal', true);
    console.log(`      ${describeResult('shuffled locations', shuffled)}`);
    // HTL 18 with backtracking still finds most blocks on 200 nodes; the cost shows in the path lengths.
    assert.ok(shuffled.meanHops >= 1.5 * ideal.meanHops, describeResult('shuffled', shuffled));
    assert.ok(shuffled.p95Hops >= 2 * ideal.p95Hops, describeResult('shuffled', shuffled));
  });
});
