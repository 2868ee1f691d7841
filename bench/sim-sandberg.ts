/**
 * Sandberg 2006 reproduction at full size: `npx tsx bench/sim-sandberg.ts [nodes] [requests]`
 * (default 64,000 nodes, 10,000 routes per case and 10,000 Warren requests).
 *
 * Prints each greedy figure next to his swapping-restored figure at 64,000 nodes (the
 * reference) with their ratio, then Warren's routing on the same graph, then the greedy
 * figures once more for the other reading of "3·log2 n edges" (that many links per node in
 * all, i.e. half as many contacts drawn per node), with wall time and peak memory.
 */
import '../node/polyfills.js';
import type { Progress, ScenarioReport } from '../sim/report/model.js';
import { runSandberg, SANDBERG_REFERENCE } from '../sim/scenarios/sandberg.js';
import { sandbergContacts } from '../sim/topology.js';
import { formatCount, printRows } from './support.js';

const nodes = Number(process.argv[2] ?? SANDBERG_REFERENCE.nodes);
const requests = Number(process.argv[3] ?? 10_000);
const seed = 'bench/sim-sandberg';

let lastPhase = '';
const onProgress = ({ phase, done, total }: Progress): void => {
  if (phase !== lastPhase) process.stderr.write(`\n${phase} `);
  lastPhase = phase;
  process.stderr.write(`\r${phase}: ${formatCount(done)} / ${formatCount(total)}   `);
};

async function timed(label: string, run: (countEvents: (events: number) => void) => Promise<ScenarioReport>): Promise<void> {
  const startedAt = performance.now();
  let events = 0;
  const report = await run((fired) => {
    events += fired;
  });
  process.stderr.write('\n');
  const seconds = (performance.now() - startedAt) / 1000;
  const peakGb = process.resourceUsage().maxRSS / 1024 ** 2;
  printRows(
    label,
    report.figures.map((figure) => {
      const shown = figure.unit === 'ratio' ? figure.value.toFixed(4) : `${figure.value} ${figure.unit}`;
      if (figure.reference === undefined) return [figure.name, shown] as const;
      return [figure.name, shown, `Sandberg ${figure.reference.value} (ratio ${(figure.value / figure.reference.value).toFixed(3)})`] as const;
    }),
  );
  console.log(`  wall ${seconds.toFixed(1)} s, peak RSS ${peakGb.toFixed(2)} GiB${events > 0 ? `, ${formatCount(events)} events` : ''}`);
}

const contacts = sandbergContacts(nodes);
await timed(
  `Sandberg's ring, ${formatCount(nodes)} nodes, ${contacts} contacts per node, ${formatCount(requests)} routes per case (seed ${seed})`,
  (countEvents) => runSandberg({ nodes, requests, seed, onProgress, countEvents }),
);
await timed(`Other reading: ${contacts} links per node in all (${Math.round(contacts / 2)} contacts drawn per node), greedy only`, (countEvents) =>
  runSandberg({ nodes, requests, seed, onProgress, countEvents, contacts: Math.round(contacts / 2), greedyOnly: true }),
);
