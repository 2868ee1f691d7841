import assert from 'node:assert/strict';
import { type FloodReport, runFloodExperiment } from '../../sim/flood-experiment.js';

const DURATION_MS = 5_000;
const FLOOD_PER_SECOND = 8_000;
/** Node defaults (spec/routing.md §8). */
const MAX_ACTIVE = 1_000;
const BURST = 2_000;
const RATE = 1_000;

function summary(label: string, report: FloodReport): string {
  return `${label}: honest fetches ${report.honestPerSecond.toFixed(1)}/s (${report.honestFailures} failed)`;
}

describe('flood on a 30-node small world (seeded, virtual time)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);

  it("refuses the flooder's excess with RejectedOverload, disconnects it, stays bounded and keeps honest fetches at 80% or more", async () => {
    const quiet = await runFloodExperiment({ seed: 'flood', durationMs: DURATION_MS });
    const flooded = await runFloodExperiment({ seed: 'flood', durationMs: DURATION_MS, floodPerSecond: FLOOD_PER_SECOND });
    const { flood, target } = flooded;
    console.log(`      ${summary('unflooded', quiet)}`);
    console.log(`      ${summary(`flooded at ${FLOOD_PER_SECOND}/s`, flooded)}, ratio ${(flooded.honestPerSecond / quiet.honestPerSecond).toFixed(3)}`);
    console.log(
      `      flooder: ${flood.sent} sent, ${flood.rejectedOverload} RejectedOverload, ${flood.otherReplies} other replies, ` +
        `${flood.refused} not sent once disconnected; ` +
        `target: at most ${target.maxActiveTransactions} routes, ${target.maxFlooderRoutes} of them the flooder's (share ${target.routesPerPeer})`,
    );

    assert.ok(flood.sent + flood.refused >= (FLOOD_PER_SECOND * DURATION_MS) / 1000, `the flooder tried only ${flood.sent + flood.refused}`);
    // Beyond the bucket (burst + rate × time) it is refused; beyond twice that, disconnected.
    assert.ok(flood.otherReplies <= BURST + (RATE * DURATION_MS) / 1000, `${flood.otherReplies} of ${flood.sent} admitted`);
    assert.ok(flood.rejectedOverload > 0);
    assert.equal(flooded.floodersDisconnected, 1, 'the flooder was disconnected');
    assert.ok(flood.refused > 0, 'and could send nothing more');
    assert.ok(target.maxFlooderRoutes <= target.routesPerPeer);
    assert.ok(target.maxActiveTransactions <= MAX_ACTIVE);
    assert.ok(target.maxTrackedPeers <= target.connectedPeers + flooded.floodersDisconnected, 'per-peer state only for peers linked');
    assert.ok(quiet.honestPerSecond > 0);
    assert.ok(flooded.honestPerSecond >= 0.8 * quiet.honestPerSecond, 'honest fetches fell below 80% of the unflooded figure');
  });
});
