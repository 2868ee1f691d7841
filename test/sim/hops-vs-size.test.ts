import assert from 'node:assert/strict';
import type { ScenarioReport } from '../../sim/report/model.js';
import { hopsVsSizeScenario, runHopsVsSize, SIZE_LADDER, sizesUpTo } from '../../sim/scenarios/hops-vs-size.js';

const SIZES = [250, 1_000];
const REQUESTS = 400;

interface Row {
  topology: string;
  nodes: number;
  success: number;
  hops: number;
}

function rows(report: ScenarioReport): Row[] {
  return report.tables[0]!.rows.map(([topology, nodes, success, hops]) => ({
    topology: String(topology),
    nodes: Number(nodes),
    success: Number(success),
    hops: Number(hops),
  }));
}

describe(`scenario hops-vs-size: Warren routing on ${SIZES.join(' and ')} nodes (seeded)`, function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(900_000);
  let report: ScenarioReport;
  let measured: Row[];
  const at = (topology: string, nodes: number) => measured.find((row) => row.topology === topology && row.nodes === nodes)!;

  before(async () => {
    report = await runHopsVsSize({ nodes: 1_000, sizes: SIZES, requests: REQUESTS, seed: 'test/hops-vs-size' });
    measured = rows(report);
    for (const row of measured) console.log(`      ${row.topology} ${row.nodes}: success ${row.success}, mean hops ${row.hops}`);
  });

  it('ideal locations: nearly every request succeeds, and hops grow slowly with size', () => {
    for (const nodes of SIZES) assert.ok(at('ideal', nodes).success >= 0.97, `ideal ${nodes}`);
    const growth = at('ideal', 1_000).hops / at('ideal', 250).hops;
    assert.ok(growth > 1 && growth < 2.5, `hops grew ${growth}× from 250 to 1,000 nodes`);
  });

  it('random locations on the same graph: longer routes, ever longer as the network grows, and fewer succeed', () => {
    // The gap, not the ratio: design v2's mixing chain (node/htl.ts) adds the same random hops to both.
    const gap = (nodes: number) => at('random', nodes).hops - at('ideal', nodes).hops;
    for (const nodes of SIZES) assert.ok(gap(nodes) > 0, `random ${nodes}: ${at('random', nodes).hops} hops, ideal ${at('ideal', nodes).hops}`);
    assert.ok(gap(1_000) > 2 * gap(250), `the gap grew from ${gap(250)} to ${gap(1_000)} hops`);
    assert.ok(at('random', 1_000).success <= at('ideal', 1_000).success, `random ${at('random', 1_000).success}, ideal ${at('ideal', 1_000).success}`);
  });

  it('an opennet grown from seeds: at least 99 % of requests succeed, within 1.2× the hops of the ideal small world of its degree', () => {
    // Issue #18's target for path folding (spec/routing.md §9.4): a grown opennet about as navigable as Kleinberg's.
    for (const nodes of SIZES) {
      const grown = at('opennet', nodes);
      assert.ok(grown.success >= 0.99, `opennet ${nodes}: success ${grown.success}`);
      assert.ok(grown.hops <= 1.2 * at('ideal', nodes).hops, `opennet ${nodes}: hops ${grown.hops}, ideal ${at('ideal', nodes).hops}`);
    }
  });

  it('charts hops and success against size on a log axis, one series per topology', () => {
    assert.deepEqual(
      report.charts.map((chart) => [chart.kind, chart.logX]),
      [
        ['line', true],
        ['line', true],
      ],
    );
    for (const chart of report.charts) {
      for (const series of chart.series)
        assert.deepEqual(
          series.points.map(([nodes]) => nodes),
          SIZES,
        );
    }
  });

  it('gives the same report for the same seed', async () => {
    const options = { nodes: 200, sizes: [200], requests: 100, seed: 'test/hops-vs-size/repeat' };
    const first = await runHopsVsSize(options);
    assert.deepEqual(
      await runHopsVsSize({ ...options, countEvents: () => undefined, onProgress: () => undefined }),
      first,
      'counting events and progress change nothing',
    );
    assert.deepEqual(
      first.tables[0]!.rows.map(([topology]) => topology),
      ['ideal', 'random', 'opennet'],
    );
    assert.equal(first.parameters['opennetSizes'], '200', 'the opennet is grown to every size unless capped');
    assert.deepEqual(
      (await runHopsVsSize({ ...options, opennetMaxNodes: 100 })).tables[0]!.rows.map(([topology]) => topology),
      ['ideal', 'random'],
    );
  });

  it('runs the ladder 1,000 → 100,000 by default, up to the size asked for', () => {
    assert.equal(hopsVsSizeScenario.defaults.nodes, 100_000);
    assert.deepEqual(sizesUpTo(100_000), [...SIZE_LADDER]);
    assert.deepEqual(sizesUpTo(20_000), [1_000, 3_000, 10_000, 20_000]);
    assert.deepEqual(sizesUpTo(500), [500]);
  });
});
