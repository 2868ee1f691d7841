import assert from 'node:assert/strict';
import type { ScenarioReport } from '../../sim/report/model.js';
import { keyspaceHeldByTop, PITCH_BLACK_DEFENCES, pitchBlackScenario, runPitchBlack } from '../../sim/scenarios/pitch-black.js';

const NODES = 400;

function figure(report: ScenarioReport, name: string): number {
  const found = report.figures.find((entry) => entry.name === name);
  assert.ok(found, `figure "${name}"`);
  return found.value;
}

describe(`scenario pitch-black: attackers against swapping on ${NODES} nodes (seeded)`, function () {
  // A hang guard: pure computation, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let report: ScenarioReport;
  const defences = PITCH_BLACK_DEFENCES.filter((defence) => defence.name === 'none' || defence.name === 'own-loss bound');

  before(async () => {
    report = await runPitchBlack({ nodes: NODES, requests: 500, seed: 'test/pitch-black', warmupRounds: 120, attackRounds: 120, defences });
    for (const entry of report.tables[0]!.rows) console.log(`      ${entry.join(' | ')}`);
  });

  it('undefended, attackers pull the honest locations to their points and take the key space', () => {
    assert.equal(figure(report, '0 attackers, defence: none: key space held by the top 1 % of nodes') < 0.1, true);
    for (const attackers of [1, 5]) {
      assert.ok(figure(report, `${attackers} attackers, defence: none: honest nodes pulled near an attack point`) > 0.9);
      assert.ok(figure(report, `${attackers} attackers, defence: none: key space held by the top 1 % of nodes`) > 0.5);
    }
  });

  it('five attackers break greedy routing that stops at dead ends, and the own-loss bound keeps most of it working', () => {
    const clean = figure(report, '0 attackers, defence: none: greedy stop success');
    const attacked = figure(report, '5 attackers, defence: none: greedy stop success');
    const defended = figure(report, '5 attackers, defence: own-loss bound: greedy stop success');
    assert.ok(attacked < clean / 2, `attacked ${attacked} vs clean ${clean}`);
    assert.ok(defended > 2 * attacked, `defended ${defended} vs attacked ${attacked}`);
  });

  it('keyspaceHeldByTop: a share near the top fraction for even spacing, all of it for crowded locations', () => {
    const even = Array.from({ length: 1_000 }, (_, index) => index / 1_000);
    assert.ok(Math.abs(keyspaceHeldByTop(even, 0.01) - 0.01) < 1e-9);
    const crowded = [...Array.from({ length: 990 }, (_, index) => 0.5 + index * 1e-9), ...Array.from({ length: 10 }, (_, index) => index / 10)];
    assert.ok(keyspaceHeldByTop(crowded, 0.01) > 0.9);
  });

  it('gives the same report for the same seed', async () => {
    const options = { nodes: 120, requests: 50, seed: 'test/pitch-black/repeat', warmupRounds: 10, attackRounds: 10, defences };
    assert.deepEqual(await runPitchBlack(options), await runPitchBlack(options));
    assert.equal(pitchBlackScenario.name, 'pitch-black');
  });
});
