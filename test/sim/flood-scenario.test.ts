import assert from 'node:assert/strict';
import { runFloodScenario } from '../../sim/scenarios/flood.js';

describe('scenario flood (seeded, 30 nodes, 2 virtual seconds)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);

  it('keeps honest fetches at 80% or more of the unflooded rate against one and several flooders', async () => {
    const floods = [
      { flooders: 0, perSecond: 0 },
      { flooders: 1, perSecond: 8_000 },
      { flooders: 6, perSecond: 8_000 },
    ];
    const report = await runFloodScenario({ seed: 'flood-scenario', nodes: 30, requests: 100 }, floods, 2_000);
    const rows = report.tables[0]!.rows;
    assert.equal(rows.length, 3);
    const [quiet, one, several] = rows;
    assert.ok(Number(quiet![2]) > 0);
    for (const figure of report.figures) assert.ok(figure.value >= 0.8, `${figure.name}: ${figure.value}`);
    // The flood is refused, mostly: what the target admitted stays within the budgets.
    assert.ok(Number(one![6]) > 0.8 * Number(one![5]), `one flooder: ${one}`);
    assert.ok(Number(several![5]) > 5 * Number(one![5]), 'six flooders sent six times as much');
    assert.ok(Number(several![9]) <= Number(several![10]), 'one flooder held more routes than its share');
  });

  it('gives the same report for the same seed', async () => {
    const run = () =>
      runFloodScenario(
        { seed: 'flood-again', nodes: 20, requests: 40 },
        [
          { flooders: 0, perSecond: 0 },
          { flooders: 2, perSecond: 2_000 },
        ],
        500,
      );
    assert.equal(JSON.stringify(await run()), JSON.stringify(await run()));
  });
});
