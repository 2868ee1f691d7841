/**
 * Crash safety, the long version (spec/store.md §7.1), for bench/attacks.ts: the crash loop of
 * test/support/crash-loop.ts with `kills` SIGKILLs, printing each kill as it happens, then the kills
 * and restarts, the time to come back, blocks verified and failures, acknowledged inserts and how many
 * were lost, and fetch success during the loop next to the same run's before the first kill.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrashLoop, type KillRecord } from '../test/support/crash-loop.js';
import { failures, type Tally } from '../test/support/crash-traffic.js';
import { median } from './support.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (count: number, span: number) => `${(count / span).toFixed(2)}/s`;

function printKill(kill: KillRecord): void {
  const { store, comeBack } = kill;
  console.log(
    `  kill ${kill.kill}: ${kill.victim} after ${seconds(kill.delayMs)}, ${kill.inFlight} API calls in flight through it; ` +
      `store ${store.verified}/${store.blocks} blocks verified, ${store.failures.length} failures, blocks of ${kill.holding} acknowledged inserts; ` +
      `store open in ${seconds(comeBack.storeOpenMs)}, rejoined in ${seconds(comeBack.rejoinMs)} (${comeBack.peers} peers); ` +
      `${kill.retrieved} acknowledged inserts retrieved, ${kill.lost.length} lost${kill.lost.map((why) => `\n    lost: ${why}`).join('')}`,
  );
  for (const failure of store.failures) console.log(`    store: ${failure}`);
}

function describeTally(tally: Tally, spanSeconds: number): string {
  const failed = failures(tally);
  const done = tally.ok + failed + tally.corrupt;
  const codes = [...tally.failed].map(([code, count]) => `${code} ${count}`).join(', ');
  const success = done === 0 ? 'none done' : `${((tally.ok / done) * 100).toFixed(1)} % of ${done}`;
  const why = codes === '' ? '' : ` (${codes})`;
  return `${success} succeeded (${rate(tally.ok, spanSeconds)}), ${failed} failed${why}, ${tally.corrupt} corrupt, ${tally.cut} cut by a kill`;
}

export async function crashSafety(kills: number): Promise<void> {
  const seed = `warren/bench/crash/${Date.now()}`;
  const root = await mkdtemp(join(tmpdir(), 'warren-bench-crash-'));
  console.log(`crash safety: 4 warren node processes on loopback, ${kills} SIGKILLs under insert and fetch traffic, seed ${seed}`);
  const loop = await CrashLoop.start(root, { seed, referenceMs: 30_000 });
  try {
    const report = await loop.run(kills, printKill);
    const comeBacks = report.kills.map((kill) => kill.comeBack);
    const spread = (ms: readonly number[]) => `median ${seconds(median(ms))}, max ${seconds(Math.max(...ms))}`;
    const blocks = report.kills.reduce((sum, kill) => sum + kill.store.verified, 0);
    const blockFailures = report.kills.reduce((sum, kill) => sum + kill.store.failures.length, 0);
    console.log(`kills ${report.kills.length}, restarts ${comeBacks.length}`);
    console.log(
      `  time to come back: store open ${spread(comeBacks.map((back) => back.storeOpenMs))}; rejoined ${spread(comeBacks.map((back) => back.rejoinMs))}`,
    );
    console.log(`  blocks verified after the kills: ${blocks}, failures ${blockFailures}; store warnings in the nodes' logs: ${report.storeWarnings.length}`);
    for (const warning of report.storeWarnings) console.log(`    ${warning}`);
    console.log(`  inserts begun ${report.begun}, acknowledged ${report.acknowledged}, lost ${report.lost.length} (must be 0)`);
    for (const why of report.lost) console.log(`    lost: ${why}`);
    console.log(
      `  fetches before the first kill (${report.referenceSeconds.toFixed(0)} s): ${describeTally(report.fetches.reference, report.referenceSeconds)}`,
    );
    console.log(`  fetches during the loop (${report.loopSeconds.toFixed(0)} s):           ${describeTally(report.fetches.loop, report.loopSeconds)}`);
    console.log(`  inserts before the first kill: ${describeTally(report.inserts.reference, report.referenceSeconds)}`);
    console.log(`  inserts during the loop:       ${describeTally(report.inserts.loop, report.loopSeconds)}`);
  } finally {
    await loop.stop();
    await rm(root, { recursive: true, force: true });
  }
}
