/**
 * How close a grown opennet comes to a navigable small world (issue #18):
 *
 *   npx tsx bench/opennet-folding.ts [sizes] [requests] ['{"foldTakeProbability":0.5}']
 *
 * Grows an opennet as `hops-vs-size` grows it (sim/scenarios/hops-vs-size.ts: arrivals ∝ size, 1 % of the
 * nodes requesting after each 10 s interval) with the node's own opennet rules, overridden by the JSON
 * node settings given, through each of the comma-separated sizes in turn (e.g. `10000,30000,100000`), and
 * at each runs `requests` uniform requests on it; the same-run reference is the ideal Kleinberg small
 * world of the opennet's mean degree (rounded), under the same workload. The opennet is released before
 * the largest size's reference is built, so the two never share the heap at that size. With
 * `--chart=FILE.svg`, the mean hops of both against size are drawn there (sim/report/svg.ts) after each
 * size, next to the figures as FILE.json, so a run stopped early keeps what it measured. Prints success,
 * mean hops and their ratio to the ideal's, the share of links spanning ≥ 0.1 of the ring next to the 1/d
 * distribution's, the mean degree, and where long links stand in the drop rule's order (each node's
 * `knownPeers`, best first): a rule biased against long links would put them last.
 */
import '../node/polyfills.js';
import { writeFile } from 'node:fs/promises';
import { circularDistance } from '../protocol/location.js';
import { toHex } from '../protocol/bytes.js';
import { harmonicLongLinkShare, LONG_LINK_DISTANCE, longLinkShare, OPENNET_NODE_SETTINGS, type GrownOpennet } from '../sim/grown-opennet.js';
import { SeededRng } from '../sim/rng.js';
import { growingOpennet, growWithTraffic, HOPS_VS_SIZE_BLOCK_BYTES } from '../sim/scenarios/hops-vs-size.js';
import { createSimulatedNetwork } from '../sim/simulated-network.js';
import { idealLocations, smallWorldEdges } from '../sim/topology.js';
import { runWorkload } from '../sim/workload.js';
import { renderChart } from '../sim/report/svg.js';
import { formatCount, printRows } from './support.js';

const chartPath = process.argv.find((arg) => arg.startsWith('--chart='))?.slice('--chart='.length);
const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--chart='));
const sizes = (positional[0] ?? '1000').split(',').map(Number);
if (sizes.some((size, index) => !Number.isSafeInteger(size) || size < 2 || (index > 0 && size <= sizes[index - 1]!)))
  throw new Error(`sizes must be increasing whole numbers of nodes, comma-separated, got ${positional[0]}`);
const requests = Number(positional[1] ?? 1_000);
const overrides = JSON.parse(positional[2] ?? '{}') as Record<string, number>;
const SEED = 'bench/opennet-folding';

/** Mean position (0 = kept first, 1 = dropped first) of long and of other links in each node's drop-rule order. */
function rankOfLongLinks(opennet: GrownOpennet): { long: number; other: number } {
  const locations = new Map(opennet.nodes.map((member) => [member.transport.peer.id, member.location]));
  const sums = { long: 0, longCount: 0, other: 0, otherCount: 0 };
  for (const member of opennet.nodes) {
    const known = member.node.knownPeers();
    if (known.length < 2) continue;
    known.forEach((peer, index) => {
      const position = index / (known.length - 1);
      const long = circularDistance(member.location, locations.get(toHex(peer.publicKey))!) >= LONG_LINK_DISTANCE;
      if (long) [sums.long, sums.longCount] = [sums.long + position, sums.longCount + 1];
      else [sums.other, sums.otherCount] = [sums.other + position, sums.otherCount + 1];
    });
  }
  return { long: sums.long / Math.max(1, sums.longCount), other: sums.other / Math.max(1, sums.otherCount) };
}

const startedAt = performance.now();
let lastProgressAt = 0;
const onProgress = ({ done, total }: { done: number; total: number }): void => {
  if (performance.now() - lastProgressAt < 30_000) return;
  lastProgressAt = performance.now();
  process.stderr.write(`  growing: ${formatCount(done)} / ${formatCount(total)}, ${((lastProgressAt - startedAt) / 1000).toFixed(0)} s\n`);
};

/** The grown opennet as it stands at `nodes`: its links and the workload's outcome on it. */
async function measureOpennet(opennet: GrownOpennet, nodes: number) {
  const degrees = opennet.degrees();
  return {
    nodes,
    growSeconds: (performance.now() - startedAt) / 1000,
    degrees,
    meanDegree: degrees.reduce((sum, degree) => sum + degree, 0) / nodes,
    longLinks: longLinkShare(opennet.links()),
    ranks: rankOfLongLinks(opennet),
    grown: await runWorkload(opennet, { keys: requests, requests, zipfExponent: 0, label: `measure/${nodes}` }),
  };
}

/** The same workload on the ideal small world of `degree` at `nodes`. */
async function measureIdeal(nodes: number, degree: number) {
  const edges = smallWorldEdges(nodes, new SeededRng(`${SEED}/${nodes}`).fork('graph'), { degree });
  const ideal = await createSimulatedNetwork({ seed: `${SEED}/ideal/${nodes}`, locations: idealLocations(nodes), edges, blockBytes: HOPS_VS_SIZE_BLOCK_BYTES });
  try {
    return await runWorkload(ideal, { keys: requests, requests, zipfExponent: 0, label: 'measure' });
  } finally {
    await ideal.stop();
  }
}

type ChartRow = { nodes: number; opennet: { success: number; hops: number; longLinks: number; meanDegree: number }; ideal: { success: number; hops: number } };
const chartRows: ChartRow[] = [];

/** Draws mean hops against size for the sizes measured so far, and writes their figures beside the chart. */
async function writeChart(path: string): Promise<void> {
  const series = (label: string, hops: (row: ChartRow) => number) => ({ label, points: chartRows.map((row) => [row.nodes, hops(row)] as const) });
  const chart = renderChart({
    title: 'Grown opennet against the ideal small world of its degree',
    xLabel: 'nodes',
    yLabel: 'mean hops (successful requests)',
    kind: 'line',
    logX: true,
    series: [series('opennet-grown', (row) => row.opennet.hops), series('ideal small world, same mean degree', (row) => row.ideal.hops)],
  });
  await writeFile(path, `${chart}\n`);
  await writeFile(path.replace(/(\.svg)?$/, '.json'), `${JSON.stringify({ requests, overrides, sizes: chartRows }, null, 2)}\n`);
}

async function print(measured: Awaited<ReturnType<typeof measureOpennet>>, reference: Awaited<ReturnType<typeof measureIdeal>>): Promise<void> {
  const { nodes, grown, longLinks, meanDegree, degrees, ranks, growSeconds } = measured;
  chartRows.push({
    nodes,
    opennet: { success: grown.successRate, hops: grown.hops.mean, longLinks, meanDegree },
    ideal: { success: reference.successRate, hops: reference.hops.mean },
  });
  if (chartPath !== undefined) await writeChart(chartPath);
  const percent = (value: number): string => `${(100 * value).toFixed(2)} %`;
  const harmonic = harmonicLongLinkShare(nodes);
  printRows(`grown opennet of ${formatCount(nodes)} nodes, ${formatCount(requests)} uniform requests (node settings ${JSON.stringify(overrides)})`, [
    ['success', percent(grown.successRate), `ideal small world of degree ${Math.round(meanDegree)}: ${percent(reference.successRate)}`],
    [
      'mean hops',
      grown.hops.mean.toFixed(3),
      `ideal: ${reference.hops.mean.toFixed(3)}; ratio ${(grown.hops.mean / reference.hops.mean).toFixed(3)} (target ≤ 1.2)`,
    ],
    ['long links (≥ 0.1 of the ring)', percent(longLinks), `1/d: ${percent(harmonic)}; ratio ${(longLinks / harmonic).toFixed(3)} (target 0.8–1.2)`],
    ['mean degree', meanDegree.toFixed(2), `min ${Math.min(...degrees)}, max ${Math.max(...degrees)}`],
    ['drop-rule position of long links', ranks.long.toFixed(3), `other links ${ranks.other.toFixed(3)} (0 = kept first, 1 = dropped first)`],
    ['grown by then', `${growSeconds.toFixed(0)} s`, `wall; peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`],
  ]);
}

/** Grows through every size but the last, measuring at each; returns the last size's measurement with the opennet gone. */
async function growAndMeasure() {
  const opennet = growingOpennet(`${SEED}/opennet`, { blockBytes: HOPS_VS_SIZE_BLOCK_BYTES, node: { ...OPENNET_NODE_SETTINGS, ...overrides } });
  for (const nodes of sizes.slice(0, -1)) {
    await growWithTraffic(opennet, nodes, 'opennet', { onProgress });
    const measured = await measureOpennet(opennet, nodes);
    await print(measured, await measureIdeal(nodes, Math.round(measured.meanDegree)));
  }
  const largest = sizes.at(-1)!;
  await growWithTraffic(opennet, largest, 'opennet', { onProgress });
  const measured = await measureOpennet(opennet, largest);
  await opennet.stop();
  return measured;
}
const largest = await growAndMeasure();
await print(largest, await measureIdeal(largest.nodes, Math.round(largest.meanDegree)));
