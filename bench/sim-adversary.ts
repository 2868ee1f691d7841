/**
 * Churn, retention and adversary scenarios at full size:
 * `npx tsx bench/sim-adversary.ts [scenario …] [--nodes N] [--requests R] [--seed S]`
 * (default: churn, retention, blackhole, poison, flood, eclipse, each at its own default size).
 *
 * Prints each figure next to its same-run reference (the attack-free or churn-free run, the
 * unflooded rate, the run without an attacker; for retention Freenet's measurement) with their
 * ratio, then each scenario's table, with wall and CPU time (the machine is shared: CPU time is
 * the steadier figure), clock events and peak memory.
 */
import '../node/polyfills.js';
import type { Figure, Progress, Scenario } from '../sim/report/model.js';
import { blackholeScenario } from '../sim/scenarios/blackhole.js';
import { churnScenario } from '../sim/scenarios/churn.js';
import { eclipseScenario } from '../sim/scenarios/eclipse.js';
import { floodScenario } from '../sim/scenarios/flood.js';
import { poisonScenario } from '../sim/scenarios/poison.js';
import { retentionScenario } from '../sim/scenarios/retention.js';
import { formatCount, printRows } from './support.js';

const SCENARIOS: readonly Scenario[] = [churnScenario, retentionScenario, blackholeScenario, poisonScenario, floodScenario, eclipseScenario];

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const nodes = option('--nodes');
const requests = option('--requests');
const seed = option('--seed') ?? 'bench/sim-adversary';
const chosen =
  args.length === 0
    ? SCENARIOS
    : args.map((name) => {
        const scenario = SCENARIOS.find((candidate) => candidate.name === name);
        if (scenario === undefined) throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.map((candidate) => candidate.name).join(', ')}`);
        return scenario;
      });

let lastPhase = '';
const onProgress = ({ phase, done, total }: Progress): void => {
  if (phase !== lastPhase) process.stderr.write('\n');
  lastPhase = phase;
  process.stderr.write(`\r${phase}: ${formatCount(done)} / ${formatCount(total)}   `);
};

function shown(figure: Figure): [string, string, string?] {
  const format = (value: number): string => {
    if (figure.unit === 'ratio') return value.toFixed(4);
    return `${Number.isInteger(value) ? formatCount(value) : value.toFixed(2)} ${figure.unit}`.trim();
  };
  if (figure.reference === undefined) return [figure.name, format(figure.value)];
  const { value, source } = figure.reference;
  const ratio = value === 0 ? '' : `, ratio ${(figure.value / value).toFixed(3)}`;
  return [figure.name, format(figure.value), `reference ${format(value)} (${source})${ratio}`];
}

for (const scenario of chosen) {
  const options = { nodes: Number(nodes ?? scenario.defaults.nodes), requests: Number(requests ?? scenario.defaults.requests), seed };
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  let events = 0;
  const report = await scenario.run({ ...options, onProgress, countEvents: (fired) => (events += fired) });
  process.stderr.write('\n');
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  printRows(`${scenario.name}: ${formatCount(options.nodes)} nodes, --requests ${formatCount(options.requests)}, seed ${seed}`, report.figures.map(shown));
  for (const table of report.tables) {
    console.log(`\n  ${table.title}\n  ${table.columns.join(' | ')}`);
    for (const row of table.rows) console.log(`  ${row.join(' | ')}`);
  }
  console.log(
    `\n  wall ${seconds.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s${events > 0 ? `, ${formatCount(events)} clock events` : ''}, ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024 ** 2).toFixed(2)} GiB`,
  );
}
