import assert from 'node:assert/strict';
import { mintNear } from '../../sim/adversaries/eclipse-sybils.js';
import { checkIdentityProof } from '../../protocol/identity.js';
import { circularDistance } from '../../protocol/location.js';
import { SeededRng } from '../../sim/rng.js';
import { type EclipseDesign, type EclipseResult, runEclipse } from '../../sim/scenarios/eclipse.js';

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
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  const budgets = [0, 2 ** 10, 2 ** 16];
  const run = (design: EclipseDesign, attackerFirst: boolean) => runEclipse({ seed: 'eclipse-test', nodes: 100, requests: 40, attackerFirst, budgets, design });
  let previous: EclipseResult[];
  let previousTargetFirst: EclipseResult[];
  let doubting: EclipseResult[];

  before(async () => {
    previous = await run('previous', true);
    previousTargetFirst = await run('previous', false);
    doubting = await run('doubting', false);
  });

  it('without an attacker every request for the target succeeds', () => {
    for (const results of [previous, previousTargetFirst, doubting]) {
      assert.equal(results[0]!.failed, 0);
      assert.equal(results[0]!.intercepted, 0);
    }
  });

  it('more hash work puts sybils closer to the target than any honest node', () => {
    const [, small, large] = previous;
    assert.ok(large!.hashes > 60 * small!.hashes);
    assert.ok(large!.relativeDistance < 1, `best sybil at ${large!.relativeDistance} of the closest honest distance`);
    assert.ok(small!.relativeDistance > large!.relativeDistance);
  });

  it('sybils closest to the key capture an insert made after they joined, and most requests for it fail', () => {
    const large = previous[2]!;
    assert.equal(large.insertCaptured, true);
    assert.ok(large.failed / large.requests > 0.5, JSON.stringify(large));
  });

  it('with honest holders, doubting gets 95 % of requests past 3 sybils closest to the key', () => {
    const large = doubting[2]!;
    assert.ok(large.relativeDistance < 1, `best sybil at ${large.relativeDistance} of the closest honest distance`);
    assert.ok(large.intercepted > 0 || previousTargetFirst[2]!.intercepted === 0, "the sybils were on the requests' way");
    assert.ok(large.failed / large.requests <= 0.05, JSON.stringify(large));
    assert.ok(large.failed <= previousTargetFirst[2]!.failed, `${large.failed} failed doubting, ${previousTargetFirst[2]!.failed} without`);
  });

  it('gives the same results for the same seed', async () => {
    const again = () => runEclipse({ seed: 'eclipse-again', nodes: 60, requests: 5, attackerFirst: true, budgets: [0, 2 ** 12] });
    assert.deepEqual(await again(), await again());
  });
});
