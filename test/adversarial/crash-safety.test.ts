/**
 * Crash safety of whole nodes (spec/store.md §7.1): four `warren node` processes on loopback under
 * continuous insert and fetch traffic, each SIGKILLed in turn at a seeded random moment (the seed
 * first) and restarted on its data directory. After every kill its store opens and every block in it
 * verifies, the node comes back and rejoins, and every insert acknowledged so far is retrieved with its
 * exact bytes. Behaviour only: the durations printed by `bench/attacks.ts crash` are not asserted.
 * `WARREN_CRASH_KILLS` and `WARREN_CRASH_SEED` replay a longer or another sequence.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrashLoop } from '../support/crash-loop.js';
import { useTeardown } from '../support/teardown.js';

const KILLS = Number(process.env.WARREN_CRASH_KILLS ?? 5);
const SEED = process.env.WARREN_CRASH_SEED ?? 'warren/crash-safety/1';

describe('adversarial: SIGKILL during insert and fetch traffic', function () {
  // A hang guard for the whole loop on a busy machine: each node start compiles the sources anew.
  this.timeout(KILLS * 180_000 + 600_000);
  const defer = useTeardown();

  it(`loses no acknowledged insert over ${KILLS} kills: each store opens and verifies, each node rejoins`, async () => {
    const root = await mkdtemp(join(tmpdir(), 'warren-crash-safety-'));
    defer(() => rm(root, { recursive: true, force: true }));
    const loop = await CrashLoop.start(root, { seed: SEED, referenceMs: 5_000 });
    defer(() => loop.stop());
    const report = await loop.run(KILLS);
    const context = `seed ${SEED}`;

    assert.equal(report.kills.length, KILLS);
    assert.deepEqual(
      report.kills.map((kill) => kill.victim),
      Array.from({ length: KILLS }, (_, index) => (index % 4 === 0 ? 'seed' : `node-${index % 4}`)),
      'the victim rotates through every node, the seed first',
    );
    for (const kill of report.kills) {
      const what = `kill ${kill.kill} (${kill.victim}, ${context})`;
      assert.deepEqual(kill.store.failures, [], `every block of the store verifies after ${what}`);
      assert.equal(kill.store.verified, kill.store.blocks, `every block read back after ${what}`);
      assert.ok(kill.comeBack.peers > 0, `the node rejoins after ${what}`);
      assert.deepEqual(kill.lost, [], `every acknowledged insert is retrieved after ${what}`);
    }
    assert.ok(
      report.kills.some((kill) => kill.store.blocks > 0 && kill.holding > 0),
      'a victim held blocks of acknowledged inserts',
    );
    assert.ok(
      report.kills.some((kill) => kill.inFlight > 0),
      'a victim was killed with API calls in flight',
    );
    assert.ok(report.acknowledged > 0, 'inserts were acknowledged');
    assert.deepEqual(report.lost, [], `every acknowledged insert is retrieved at the end (${context})`);
    assert.deepEqual(report.storeWarnings, [], 'no block store logged a repair or a damaged block');
    for (const phase of ['reference', 'loop'] as const) {
      assert.equal(report.fetches[phase].corrupt, 0, `no fetch returned other bytes (${phase})`);
      assert.equal(report.inserts[phase].corrupt, 0, `every insert answered the URI encoded for it (${phase})`);
    }
    assert.ok(report.fetches.reference.ok > 0 && report.fetches.loop.ok > 0, 'fetches succeed before the first kill and during the loop');
  });
});
