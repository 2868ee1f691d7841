import assert from 'node:assert/strict';
import { mintNear } from '../../sim/adversaries/eclipse-sybils.js';
import { checkIdentityProof } from '../../protocol/identity.js';
import { circularDistance } from '../../protocol/location.js';
import { SeededRng } from '../../sim/rng.js';
import { type EclipseResult, runEclipse } from '../../sim/scenarios/eclipse.js';

describe('sim/adversaries/eclipse: minting near a key', () => {
  it('spends at least the budget, keeps the closest valid identities, and mints the same ones for the same seed', async () => {
    const mint = () => mintNear({ targetLocation: 0.25, budgetHashes: 2 ** 12, difficulty: 6, keep: 3, rng: new SeededRng('mint') });
    const [first, second] = [await mint(), await mint()];
    assert.ok(first.hashes >= 2 ** 12 && first.hashes < 2 ** 12 + 2 ** 10, `${first.hashes} hashes`);
    // About 2^6 hashes per identity.
    assert.ok(first.minted > 30 && first.minted < 130, `${first.minted} identities`);
    assert.equal(first.identities.length, 3);
    const distances = first.identities.map((identity) => circularDistance(identity.location, 0.25));
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => a - b),
    );
    assert.ok(distances[0]! < 0.05, `closest at ${distances[0]}`);
    for (const identity of first.identities) assert.equal(checkIdentityProof(identity, 6).valid, true);
    assert.deepEqual(
      second.identities.map((identity) => identity.location),
      first.identities.map((identity) => identity.location),
    );
  });
});

describe('scenario eclipse (seeded, 100 nodes)', function () {
  this.timeout(120_000);
  let results: EclipseResult[];

  before(async () => {
    results = await runEclipse({ seed: 'eclipse-test', nodes: 100, requests: 30, attackerFirst: true, budgets: [0, 2 ** 10, 2 ** 16] });
  });

  it('without an attacker every request for the target succeeds', () => {
    assert.equal(results[0]!.failed, 0);
    assert.equal(results[0]!.intercepted, 0);
  });

  it('more hash work puts sybils closer to the target than any honest node, and they capture requests', () => {
    const [, small, large] = results;
    assert.ok(large!.hashes > 60 * small!.hashes);
    assert.ok(large!.relativeDistance < 1, `best sybil at ${large!.relativeDistance} of the closest honest distance`);
    assert.ok(small!.relativeDistance > large!.relativeDistance);
    assert.ok(large!.intercepted > 0 && large!.failed >= large!.intercepted, JSON.stringify(large));
    assert.ok(large!.failed > small!.failed, `${large!.failed} failed with the large budget, ${small!.failed} with the small one`);
  });

  it('captures the insert when it joined first, and never before it joined', async () => {
    assert.equal(results[0]!.insertCaptured, false);
    assert.equal(results[2]!.insertCaptured, true);
    const targetFirst = await runEclipse({ seed: 'eclipse-test', nodes: 100, requests: 5, attackerFirst: false, budgets: [2 ** 16] });
    assert.equal(targetFirst[0]!.insertCaptured, false);
  });

  it('gives the same results for the same seed', async () => {
    const run = () => runEclipse({ seed: 'eclipse-again', nodes: 60, requests: 5, attackerFirst: true, budgets: [0, 2 ** 12] });
    assert.deepEqual(await run(), await run());
  });
});
