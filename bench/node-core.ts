/**
 * Node core benchmark: `node --expose-gc --import tsx bench/node-core.ts`.
 *
 * 200 real nodes on an in-memory small world (one process, one core, virtual time):
 * requests per second of wall time for fetches of inserted blocks, the messages that
 * takes, and memory per node. The same-run reference is the bare MemoryNetwork moving
 * the same number of envelopes between transports that do nothing but receive them.
 */
import { encodeChk } from '../protocol/keys/chk.js';
import { VirtualClock } from '../sim/clock.js';
import { MemoryNetwork } from '../sim/memory-network.js';
import { createSimulatedNetwork } from '../sim/simulated-network.js';
import { SeededRng } from '../sim/rng.js';
import { buildNetwork, idealLocations, smallWorldEdges } from '../sim/topology.js';
import { formatCount, median, printRows } from './support.js';

const NODES = 200;
const BLOCKS = 1_000;
const ROUNDS = 5;

/** JavaScript heap plus the ArrayBuffers that hold blocks, in MiB (run with --expose-gc for stable figures). */
function heapMiB(): number {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

const heapBefore = heapMiB();
const rng = new SeededRng('bench/node-core');
const sim = await createSimulatedNetwork({ seed: 'bench/node-core', locations: idealLocations(NODES), edges: smallWorldEdges(NODES, rng, { degree: 10 }) });
const heapEmpty = heapMiB();
const blocks = Array.from({ length: BLOCKS }, (_, i) => encodeChk(new TextEncoder().encode(`bench block ${i}`)));
const inserts = blocks.map(({ routingKey, block }) =>
  rng
    .pick(sim.nodes)
    .node.insert(routingKey, block)
    .catch(() => undefined),
);
await sim.clock.run();
await Promise.all(inserts);
const heapLoaded = heapMiB();

const rates: number[] = [];
const messageRates: number[] = [];
let succeeded = 0;
for (let round = 0; round < ROUNDS; round++) {
  const deliveredBefore = sim.network.stats.delivered;
  const startedAt = performance.now();
  const fetches = blocks.map(({ routingKey }) =>
    rng
      .pick(sim.nodes)
      .node.request(routingKey)
      .then(
        () => 1,
        () => 0,
      ),
  );
  await sim.clock.run();
  succeeded += (await Promise.all(fetches)).reduce<number>((sum, ok) => sum + ok, 0);
  const seconds = (performance.now() - startedAt) / 1000;
  rates.push(BLOCKS / seconds);
  messageRates.push((sim.network.stats.delivered - deliveredBefore) / seconds);
}
const messagesPerRequest = median(messageRates) / median(rates);
await sim.stop();

/** The bare network: the same number of envelopes between transports that only receive. */
async function bareNetworkRate(envelopes: number): Promise<number> {
  const clock = new VirtualClock();
  const network = new MemoryNetwork({ clock, rng: new SeededRng('bench/bare') });
  const noop = { peerConnected: () => undefined, peerDisconnected: () => undefined, message: () => undefined };
  const transports = await buildNetwork(network, idealLocations(NODES), smallWorldEdges(NODES, new SeededRng('bench/bare-edges')), (t) => t.start(noop));
  await clock.run({ until: 0 });
  const body = { type: 'dataRequest', keyType: 'chk', routingKey: blocks[0]!.routingKey, htl: 10 } as const;
  const startedAt = performance.now();
  for (let i = 0; i < envelopes; i++) {
    const from = transports[i % NODES]!;
    from.send(from.connectedPeers[0]!, { tx: BigInt(i), body });
  }
  await clock.run();
  return envelopes / ((performance.now() - startedAt) / 1000);
}
const bareRate = median(await Promise.all([0, 1, 2].map(() => bareNetworkRate(Math.round(messagesPerRequest * BLOCKS)))));

printRows(`node core: ${NODES} nodes, small world (degree 10), ${BLOCKS} fetches per round, median of ${ROUNDS} rounds, one core`, [
  [
    'fetches',
    `${formatCount(median(rates))} /s`,
    `${((100 * succeeded) / (BLOCKS * ROUNDS)).toFixed(1)}% succeeded, ${messagesPerRequest.toFixed(1)} messages each`,
  ],
  ['messages through the nodes', `${formatCount(median(messageRates))} /s`, `${(median(messageRates) / bareRate).toFixed(2)}× the bare network`],
  ['  reference: bare MemoryNetwork, same envelope count', `${formatCount(bareRate)} /s`],
  ['memory per node, empty', `${(((heapEmpty - heapBefore) * 1024) / NODES).toFixed(0)} KiB`],
  [
    'memory per node, after the inserts',
    `${(((heapLoaded - heapBefore) * 1024) / NODES).toFixed(0)} KiB`,
    `${BLOCKS} blocks of 32 KiB stored and cached across the network`,
  ],
]);
