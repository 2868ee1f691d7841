import assert from 'node:assert/strict';
import { type FlashCrowdRun, runFlashCrowd, TEN_MINUTES_MS, WEEK_MS } from '../../sim/flash-crowd-experiment.js';
import { CROWD_MEDIAN_LIMIT, flashCrowdScenario } from '../../sim/scenarios/flash-crowd.js';
import { findScenario } from '../../sim/scenarios/index.js';

const SMALL = { seed: 'flash-crowd-test', nodes: 300, fetchers: 30 } as const;

describe('sim/flash-crowd (seeded, 300 nodes, 30 fetchers)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(900_000);
  let crowd: FlashCrowdRun;
  let quiet: FlashCrowdRun;

  before(async () => {
    crowd = await runFlashCrowd({ ...SMALL, windowMs: TEN_MINUTES_MS });
    quiet = await runFlashCrowd({ ...SMALL, windowMs: WEEK_MS });
  });

  it('completes every fetch of the 128 + 128-block file, asking for about k blocks each', () => {
    for (const run of [crowd, quiet]) {
      assert.equal(run.blocks, 256);
      assert.equal(run.completed, 30);
      assert.ok(run.blockRequests >= 30 * 128 && run.blockRequests < 30 * 256, `requests ${run.blockRequests}`);
    }
  });

  it("keeps the crowd's median completion time (virtual) within 2× the quiet case's", () => {
    assert.ok(crowd.completionMs.p50 > 0 && quiet.completionMs.p50 > 0);
    assert.ok(crowd.completionMs.p50 <= CROWD_MEDIAN_LIMIT * quiet.completionMs.p50, `crowd ${crowd.completionMs.p50} ms, quiet ${quiet.completionMs.p50} ms`);
    assert.deepEqual(
      [...crowd.completionPercentiles].sort((a, b) => a - b),
      crowd.completionPercentiles,
    );
  });

  it('measures the load on the first holders and spreads the file into caches', () => {
    assert.ok(crowd.firstHolders > 0 && crowd.firstHolders < 300);
    assert.ok(crowd.uploadsFirstHolders.max > 0 && crowd.uploadsFirstHolders.max <= crowd.uploadsAll.max);
    assert.ok(crowd.nodesHolding > crowd.firstHolders, `${crowd.nodesHolding} nodes hold a block, ${crowd.firstHolders} stored one`);
    // No node caches its own requests, nor relays next to a requester: the whole file stays spread out.
    assert.ok(crowd.nodesHoldingWhole < crowd.fetchers, `${crowd.nodesHoldingWhole} nodes hold the whole file`);
  });

  it('gives the same run for the same seed', async () => {
    assert.deepEqual(await runFlashCrowd({ ...SMALL, windowMs: TEN_MINUTES_MS }), crowd);
  });
});

describe('scenario flash-crowd', function () {
  this.timeout(900_000);

  it('is registered, and reports both crowds against the quiet case, each with the 2× limit as the reference', async () => {
    assert.equal(findScenario('flash-crowd'), flashCrowdScenario);
    const report = await flashCrowdScenario.run({ seed: 'flash-crowd-report', nodes: 200, requests: 20 });
    assert.equal(report.parameters.fetchers, 20);
    const ratio = report.figures.find((figure) => figure.name === 'completion time p50, crowd over quiet')!;
    assert.equal(ratio.reference?.value, 2);
    const dense = report.figures.find((figure) => figure.name === "completion time p50, crowd at the whole file's concurrency over quiet")!;
    assert.equal(dense.reference?.value, 2);
    assert.ok(dense.value > 0);
    assert.equal(report.tables[0]!.rows.length, 3);
    assert.deepEqual(
      report.charts[0]!.series.map((series) => series.points.length),
      [21, 21, 21],
    );
  });
});
