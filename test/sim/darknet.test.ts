import assert from 'node:assert/strict';
import type { ScenarioReport } from '../../sim/report/model.js';
import { darknetScenario, darknetSizes, runDarknet } from '../../sim/scenarios/darknet.js';

const NODES = 400;
const ROUTES = 300;

type Row = readonly (string | number)[];

/** The routing table's row for a graph model and locations. */
function row(report: ScenarioReport, model: string, positions: string): Row {
  const found = report.tables[0]!.rows.find((entry) => entry[0] === model && entry[2] === positions);
  assert.ok(found, `row ${model} ${positions}`);
  return found;
}

const column = (report: ScenarioReport, name: string, occurrence = 0) => {
  const indices = report.tables[0]!.columns.flatMap((entry, index) => (entry === name ? [index] : []));
  return indices[occurrence]!;
};

describe(`scenario darknet: swapping on ${NODES}-node trust graphs (seeded)`, function () {
  // A hang guard: virtual time and pure greedy routing, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let report: ScenarioReport;

  before(async () => {
    report = await runDarknet({ nodes: NODES, requests: ROUTES, seed: 'test/darknet', rounds: 150 });
    for (const entry of report.tables[0]!.rows) console.log(`      ${entry.slice(0, 10).join(' | ')}`);
  });

  it('swapping lowers the log-sum of link distances from random toward ideal, on both graph models', () => {
    const logDistance = column(report, 'mean log link distance');
    for (const model of ['kleinberg', 'social']) {
      const [random, swapped, ideal] = ['random', 'swapped', 'ideal'].map((positions) => row(report, model, positions)[logDistance] as number);
      assert.ok(swapped! < random! - 0.5, `${model}: swapped ${swapped} vs random ${random}`);
      assert.ok(swapped! > ideal! - 0.5, `${model}: swapped ${swapped} vs ideal ${ideal}`);
    }
    const chart = report.charts[0]!;
    for (const series of chart.series) {
      const first = series.points[0]![1];
      const last = series.points.at(-1)![1];
      assert.ok(last < first, `${series.label}: ${first} → ${last}`);
    }
  });

  it('greedy routing that stops at dead ends works on swapped locations, and hardly on random ones', () => {
    const stop = column(report, 'greedy stop: success');
    for (const model of ['kleinberg', 'social']) {
      const random = row(report, model, 'random')[stop] as number;
      const swapped = row(report, model, 'swapped')[stop] as number;
      assert.equal(row(report, model, 'ideal')[stop], 1);
      assert.ok(swapped > 3 * random, `${model}: swapped ${swapped} vs random ${random}`);
    }
  });

  it("Warren's routing finds the blocks on swapped locations, in fewer hops than on random ones where the graph is sparse", () => {
    const success = column(report, 'Warren: success');
    const hops = column(report, 'hops');
    for (const model of ['kleinberg', 'social']) assert.ok((row(report, model, 'swapped')[success] as number) >= 0.95);
    // On Sandberg's dense graph (mean degree ≈ 50 here) 400 nodes are few hops apart whatever the locations; on the sparse social graph they tell.
    const social = { swapped: row(report, 'social', 'swapped')[hops] as number, random: row(report, 'social', 'random')[hops] as number };
    assert.ok(social.swapped < 0.8 * social.random, `social: swapped ${social.swapped} hops vs random ${social.random}`);
  });

  it('the social graph is clustered more than the small world of the same degree would be', () => {
    const graphs = report.tables[1]!;
    const clustering = graphs.columns.indexOf('clustering coefficient');
    const social = graphs.rows.find((entry) => entry[0] === 'social')!;
    assert.ok((social[clustering] as number) > 0.1, `clustering ${social[clustering]}`);
  });

  it('gives the same report for the same seed, another for another seed', async () => {
    const options = { nodes: 150, requests: 100, seed: 'test/darknet/repeat', rounds: 20, warrenMaxNodes: 0 };
    const first = await runDarknet(options);
    assert.deepEqual(await runDarknet(options), first);
    assert.notDeepEqual(await runDarknet({ ...options, seed: 'test/darknet/other' }), first);
  });

  it('runs the ladder up to --nodes and shows Sandberg’s swapped figures next to the swapped Kleinberg rows', () => {
    assert.deepEqual(darknetSizes(16_000), [1_000, 4_000, 16_000]);
    assert.deepEqual(darknetSizes(2_000), [1_000, 2_000]);
    assert.equal(darknetScenario.name, 'darknet');
    const referenced = report.figures.filter((entry) => entry.reference !== undefined);
    assert.ok(referenced.length >= 3 && referenced.every((entry) => entry.name.startsWith('kleinberg') && entry.name.includes('swapped')));
    assert.ok(column(report, 'steps', 1) > column(report, 'steps', 0));
  });
});
