import assert from 'node:assert/strict';
import type { ScenarioReport } from '../../sim/report/model.js';
import { baselineScenario } from '../../sim/scenarios/baseline.js';
import { randomLocationsScenario } from '../../sim/scenarios/random-locations.js';

const OPTIONS = { nodes: 500, requests: 1_500, seed: 'baseline-test' } as const;

function figure(report: ScenarioReport, name: string): number {
  const found = report.figures.find((entry) => entry.name === name);
  assert.ok(found !== undefined, `no figure "${name}"`);
  return found.value;
}

describe('scenarios baseline and random-locations (500 nodes, seeded)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let baseline: ScenarioReport;
  let shuffled: ScenarioReport;

  before(async () => {
    let events = 0;
    baseline = await baselineScenario.run({ ...OPTIONS, countEvents: (count) => (events += count) });
    assert.ok(events > OPTIONS.requests);
    shuffled = await randomLocationsScenario.run(OPTIONS);
  });

  it('baseline: every insert stored, nearly every request found in few hops, no invalid block', () => {
    assert.equal(figure(baseline, 'inserts stored'), 1);
    assert.ok(figure(baseline, 'success rate') >= 0.98, `success ${figure(baseline, 'success rate')}`);
    // Design v2's mixing chain (node/htl.ts) takes about four of them before greedy routing begins.
    assert.ok(figure(baseline, 'hops, mean') >= 1 && figure(baseline, 'hops, mean') <= 10, `hops ${figure(baseline, 'hops, mean')}`);
    assert.equal(figure(baseline, 'invalid blocks delivered'), 0);
    const worst = figure(baseline, 'P(originator | HTL received), worst over HTLs with ≥ 100 requests');
    // Probable innocence (spec/routing.md §2.2); test/sim/anonymity.test.ts conditions on more than the HTL.
    assert.ok(worst > 0 && worst <= 0.5, `worst P(originator | HTL) ${worst}`);
    const histogram = baseline.charts[0]!.series[0]!.points;
    const counted = histogram.reduce((sum, [, count]) => sum + count, 0);
    assert.equal(counted, Math.round(figure(baseline, 'success rate') * OPTIONS.requests));
    assert.equal(baseline.parameters.blockBytes, 512);
  });

  it('random-locations: the same graph without navigable locations finds less, in more hops and messages', () => {
    const both = (name: string) => `${name}: shuffled ${figure(shuffled, name)}, ideal ${figure(baseline, name)}`;
    assert.equal(figure(shuffled, 'invalid blocks delivered'), 0);
    // Caches of popular keys still serve many requests close by: the tail and the cost show the difference, on
    // top of the random hops of design v2's mixing chain (node/htl.ts), which both pay alike.
    assert.ok(figure(shuffled, 'success rate') <= figure(baseline, 'success rate'), both('success rate'));
    assert.ok(figure(shuffled, 'hops, mean') >= figure(baseline, 'hops, mean') + 1, both('hops, mean'));
    assert.ok(figure(shuffled, 'hops, p95') >= 1.5 * figure(baseline, 'hops, p95'), both('hops, p95'));
    assert.ok(
      figure(shuffled, 'messages per successful request') >= 1.15 * figure(baseline, 'messages per successful request'),
      both('messages per successful request'),
    );
  });

  it('gives a byte-identical report for the same seed', async () => {
    assert.equal(JSON.stringify(await baselineScenario.run(OPTIONS)), JSON.stringify(baseline));
    assert.equal(JSON.stringify(await randomLocationsScenario.run(OPTIONS)), JSON.stringify(shuffled));
  });
});
