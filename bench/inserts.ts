/**
 * Insert benchmark: `npx tsx bench/inserts.ts`.
 *
 * 100 CHK inserts, one after another from spread-out nodes, on a 150-node ideal small world
 * (degree 10) in the simulator: on a clean network, and on the same network with 1 % of
 * envelopes lost and a spread of latency (10 ms plus an exponential delay of mean 40 ms, as the
 * churn scenario uses). Printed for each: inserts that succeeded, nodes holding each block
 * afterwards, messages sent and virtual seconds per insert. The clean network is the same-run
 * reference: loss costs an insert a step timeout (spec/routing.md §5), not a hop timeout.
 */
import { encodeChk } from '../protocol/keys/chk.js';
import { createSimulatedNetwork } from '../sim/simulated-network.js';
import type { LatencyFunction } from '../sim/memory-network.js';
import { SeededRng } from '../sim/rng.js';
import { idealLocations, smallWorldEdges } from '../sim/topology.js';

const NODES = 150;
const INSERTS = 100;
const lossy: LatencyFunction = (_from, _to, draw) => 10 - 40 * Math.log(1 - draw.next());

for (const [label, conditions] of [
  ['clean', {}],
  ['1 % loss, spread latency', { lossRate: 0.01, latencyMs: lossy }],
] as const) {
  const rng = new SeededRng('bench/inserts');
  const sim = await createSimulatedNetwork({
    seed: 'bench/inserts',
    locations: idealLocations(NODES),
    edges: smallWorldEdges(NODES, rng.fork('graph'), { degree: 10 }),
    ...conditions,
  });
  const blocks = Array.from({ length: INSERTS }, (_, index) => encodeChk(new TextEncoder().encode(`bench insert ${index}`)));
  const sentBefore = sim.network.stats.sent;
  const startedAt = sim.clock.now();
  let succeeded = 0;
  for (const [index, { routingKey, block }] of blocks.entries()) {
    const inserted = sim.nodes[(index * 37) % NODES]!.node.insert(routingKey, block).then(
      () => succeeded++,
      () => undefined,
    );
    await sim.clock.run();
    await inserted;
  }
  let holders = 0;
  for (const { routingKey } of blocks) for (const { store } of sim.nodes) if (await store.has(routingKey)) holders++;
  console.log(
    `${label.padEnd(26)} inserts ${succeeded}/${INSERTS}, ${(holders / INSERTS).toFixed(1)} nodes hold each block, ` +
      `${((sim.network.stats.sent - sentBefore) / INSERTS).toFixed(0)} messages and ${((sim.clock.now() - startedAt) / 1000 / INSERTS).toFixed(1)} virtual ` +
      `s per insert`,
  );
  await sim.stop();
}
