import assert from 'node:assert/strict';
import type { ScenarioReport } from '../../sim/report/model.js';
import { runSandberg, SANDBERG_REFERENCE, sandbergScenario } from '../../sim/scenarios/sandberg.js';

const NODES = 2_000;
const ROUTES = 1_000;

function figure(report: ScenarioReport, name: string): number {
  const found = report.figures.find((entry) => entry.name === name);
  assert.ok(found, `figure "${name}" in ${report.figures.map((entry) => entry.name).join('; ')}`);
  return found.value;
}

const greedy = (report: ScenarioReport, mode: 'stop' | 'continue', positions: 'ideal' | 'random') => ({
  success: figure(report, `greedy (${mode} at dead ends), ${positions} positions: success`),
  steps: figure(report, `greedy (${mode} at dead ends), ${positions} positions: mean steps`),
});

describe(`scenario sandberg: Sandberg 2006 on a ${NODES}-node ring (seeded)`, function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let report: ScenarioReport;

  before(async () => {
    report = await runSandberg({ nodes: NODES, requests: ROUTES, seed: 'test/sandberg' });
    for (const row of report.tables[0]!.rows) console.log(`      ${row.slice(0, 4).join(' | ')}`);
  });

  it('greedy routing with ideal positions does at least as well as his swapping-restored positions', () => {
    for (const mode of ['stop', 'continue'] as const) {
      const ideal = greedy(report, mode, 'ideal');
      assert.ok(ideal.success >= SANDBERG_REFERENCE[mode].success, `${mode}: success ${ideal.success}`);
      // A smaller network than his 64,000 nodes: routes are shorter still.
      assert.ok(ideal.steps > 1 && ideal.steps <= SANDBERG_REFERENCE[mode].steps, `${mode}: steps ${ideal.steps}`);
    }
  });

  it('random positions do far worse on the same graph', () => {
    const ideal = greedy(report, 'continue', 'ideal');
    const stop = greedy(report, 'stop', 'random');
    const continued = greedy(report, 'continue', 'random');
    assert.ok(stop.success < 0.25, `stop: success ${stop.success}`);
    assert.ok(continued.steps > 5 * ideal.steps, `continue: steps ${continued.steps} vs ideal ${ideal.steps}`);
  });

  it("Warren's routing on the same graph finds the blocks in few hops, and never delivers an invalid one", () => {
    assert.ok(figure(report, 'Warren routing, ideal positions: success') >= 0.95);
    const hops = figure(report, 'Warren routing, ideal positions: mean hops');
    assert.ok(hops >= 1 && hops <= 8, `mean hops ${hops}`);
    assert.equal(figure(report, 'Warren routing: invalid blocks delivered'), 0);
  });

  it('gives the same report for the same seed, and another for another seed', async () => {
    const options = { nodes: 300, requests: 200, seed: 'test/sandberg/repeat' };
    const first = await runSandberg(options);
    assert.deepEqual(await runSandberg(options), first);
    assert.notDeepEqual(await runSandberg({ ...options, seed: 'test/sandberg/other' }), first);
  });

  it("is named sandberg, runs at the paper's size by default, and shows his figure next to each greedy one", () => {
    assert.equal(sandbergScenario.name, 'sandberg');
    assert.equal(sandbergScenario.defaults.nodes, SANDBERG_REFERENCE.nodes);
    const greedyFigures = report.figures.filter((entry) => entry.name.startsWith('greedy'));
    assert.equal(greedyFigures.length, 8);
    assert.ok(greedyFigures.every((entry) => entry.reference?.source === SANDBERG_REFERENCE.source));
  });
});
