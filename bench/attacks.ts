/**
 * The attacks of spec (README "Security"), long versions, each figure next to the unattacked
 * figure of the same run:
 *
 *   eclipse [nodes] [requests]   the eclipse defence's cost on the standard workload, and what sybils near a key cost
 *   fuzz [frames]   the wire fuzzer (test/support/wire-fuzzer.ts) against a live node process:
 *                   mutated frames of every type; crashes, hangs, honest probes, the target's RSS
 *
 * Usage: node --import tsx bench/attacks.ts [fuzz [frames]]   (default: everything, 1,000,000 frames)
 */
import '../node/polyfills.js';
import { fuzzFreshNode } from '../test/support/wire-fuzzer.js';
import { eclipseBudget, eclipseCost } from './attack-eclipse.js';

const [which = 'fuzz', ...rest] = process.argv.slice(2);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function fuzz(frames: number): Promise<void> {
  const startedAt = performance.now();
  const report = await fuzzFreshNode({ seed: `warren/bench/fuzz/${Date.now()}`, frames, corruptShare: 0.003, batch: 500 });
  const seconds = (performance.now() - startedAt) / 1000;
  console.log(`wire fuzzer: ${report.frames.toLocaleString('en')} frames in ${seconds.toFixed(0)} s (${(report.frames / seconds).toFixed(0)} frames/s)`);
  console.log(`  by type: ${[...report.byType].map(([type, count]) => `${type} ${count}`).join(', ')}`);
  console.log(`  corrupted at the byte level: ${report.corrupted}; links the target closed: ${report.linksClosed}`);
  console.log(`  findings (crash or hang): ${report.findings.length}${report.findings.map((finding) => `\n    ${finding.kind}: ${finding.what}`).join('')}`);
  console.log(`  honest probes answered: ${report.probes - report.probeFailures} of ${report.probes}`);
  console.log(`  target RSS: peak ${mib(report.maxRssBytes)}; reference: ${mib(report.idleRssBytes)} before the first frame`);
}

if (which === 'fuzz') await fuzz(Number(rest[0] ?? 1_000_000));
else if (which === 'eclipse') {
  await eclipseBudget();
  await eclipseCost(Number(rest[0] ?? 1_000), Number(rest[1] ?? 10_000));
} else throw new Error(`unknown attack ${which}: fuzz, eclipse`);
