/**
 * The wire fuzzer's long campaign for bench/attacks.ts: test/support/wire-fuzzer.ts against a
 * live node process, mutated frames of every type; crashes, hangs, honest probes and the target's
 * RSS next to its RSS before the first frame.
 */
import { fuzzFreshNode } from '../test/support/wire-fuzzer.js';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function fuzzAttack(frames: number): Promise<void> {
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
