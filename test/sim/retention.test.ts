import assert from 'node:assert/strict';
import { encodeFile, isRetrievable, shardBytes } from '../../sim/files.js';
import { simulationChkFormat } from '../../protocol/keys/chk.js';
import { isValidBlock } from '../../protocol/keys/block.js';
import { healCap, type RetentionRun, runRetention } from '../../sim/retention-experiment.js';
import { calibrationTable, classLayout, FILE_CLASSES, RETENTION_CALIBRATION } from '../../sim/retention-calibration.js';
import { retentionScenario } from '../../sim/scenarios/retention.js';

const DAY_MS = 86_400_000;
/** A page (4 + 6 blocks) and a file of 32 data blocks (32 + 32): every class of the test is simulated whole. */
const TEST_CLASSES = [
  { name: 'page', dataBlocks: 4, simulatedSegments: 1, per20: 15 },
  { name: 'small file', dataBlocks: 32, simulatedSegments: 1, per20: 5 },
];
const SMALL = { seed: 'retention-test', nodes: 60, files: 8, days: 3, classes: TEST_CLASSES } as const;
const sum = (run: RetentionRun, field: 'files' | 'retrievable' | 'blocksRequested' | 'blocksFound' | 'blocksReinserted' | 'blocksNotHealed'): number =>
  run.days.reduce((total, day) => total + day.classes.reduce((inner, tally) => inner + tally[field], 0), 0);

describe('sim/files: a file as Reed-Solomon segments of CHK blocks', () => {
  it('makes k data + m check blocks per segment at the simulation block size, retrievable from any k of them', async () => {
    const format = simulationChkFormat(256);
    const content = Uint8Array.from({ length: 2 * 6 * shardBytes(format) }, (_, index) => index % 251);
    const file = await encodeFile(content, 2, format);
    assert.equal(file.segments.length, 2);
    for (const blocks of file.segments) {
      assert.equal(blocks.length, 12);
      for (const { routingKey, block } of blocks) assert.ok(isValidBlock(routingKey, block, format));
    }
    const [first, second] = file.segments;
    const some = (blocks: readonly unknown[], count: number) => new Set(blocks.slice(blocks.length - count));
    const six = new Set([...some(first!, 6), ...some(second!, 6)]);
    assert.equal(
      isRetrievable(file, (block) => six.has(block)),
      true,
    );
    const fiveInOne = new Set([...some(first!, 5), ...some(second!, 12)]);
    assert.equal(
      isRetrievable(file, (block) => fiveInOne.has(block)),
      false,
    );
    await assert.rejects(encodeFile(content.subarray(1), 2, format), RangeError);
  });
});

describe('sim/retention-calibration: size classes and sources', () => {
  it('lays out each class as the client does, and names a source for every parameter', () => {
    assert.deepEqual(FILE_CLASSES.map(classLayout), [
      { segments: 1, k: 4, m: 6 },
      { segments: 1, k: 128, m: 128 },
      { segments: 256, k: 128, m: 128 },
    ]);
    for (const row of calibrationTable(RETENTION_CALIBRATION)) assert.ok(row.source.length > 20, row.name);
  });

  it("heals at most the client's cap per fetch, scaled to the segments simulated of a large file", () => {
    assert.deepEqual(FILE_CLASSES.map(healCap), [512, 512, 4]);
  });
});

describe('sim/retention (seeded, 60 nodes, 3 days)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(900_000);
  let noFetch: RetentionRun;
  let fetchOnly: RetentionRun;
  let harsh: RetentionRun;
  let harshHealed: RetentionRun;

  before(async () => {
    noFetch = await runRetention({ ...SMALL, arm: 'no-fetch' });
    fetchOnly = await runRetention({ ...SMALL, arm: 'fetch' });
    // Nodes online a third of the time, replaced after two days on average, and a heavy insert load: blocks are lost.
    const harshSettings = { ...SMALL, availability: 0.35, meanMembershipMs: 2 * DAY_MS, backgroundInsertsPerNodePerDay: 40, fetchAttempts: 1 };
    harsh = await runRetention({ ...harshSettings, arm: 'fetch' });
    harshHealed = await runRetention({ ...harshSettings, arm: 'heal' });
  });

  it('stores every block; without fetching, checks every block of every file on the last day only', () => {
    const blocks = noFetch.blocksInserted.attempted;
    assert.deepEqual(noFetch.blocksInserted, { attempted: blocks, succeeded: blocks });
    assert.deepEqual(
      noFetch.days.map((day) => day.classes.length),
      [0, 0, 2],
    );
    assert.equal(sum(noFetch, 'files'), 8);
    assert.equal(sum(noFetch, 'blocksRequested'), blocks);
    assert.ok(noFetch.churn.leaves > 60, JSON.stringify(noFetch.churn));
  });

  it('fetches every file every day as the client does: about k blocks a segment, not all of them', () => {
    assert.equal(sum(fetchOnly, 'files'), 8 * 3);
    assert.ok(sum(fetchOnly, 'blocksRequested') < fetchOnly.blocksInserted.attempted * 3 * 0.75, `asked ${sum(fetchOnly, 'blocksRequested')}`);
    assert.equal(sum(fetchOnly, 'blocksReinserted'), 0);
    assert.ok(sum(fetchOnly, 'retrievable') / sum(fetchOnly, 'files') >= 0.9, `files retrievable ${sum(fetchOnly, 'retrievable')}`);
  });

  it('under harsh churn, fetching alone loses blocks; healing re-inserts some of those it asked for in vain', () => {
    assert.ok(sum(harsh, 'blocksFound') < sum(harsh, 'blocksRequested'), 'no block was lost');
    assert.ok(harsh.churn.replacements > 0);
    const reinserted = sum(harshHealed, 'blocksReinserted');
    assert.ok(reinserted > 0, 'nothing was healed');
    assert.ok(reinserted <= sum(harshHealed, 'blocksRequested') - sum(harshHealed, 'blocksFound'));
    assert.equal(sum(fetchOnly, 'blocksNotHealed'), 0);
  });

  it('gives the same run for the same seed', async () => {
    const again = await runRetention({ ...SMALL, arm: 'no-fetch' });
    assert.deepEqual(again, noFetch);
  });
});

describe('scenario retention (seeded, 30 nodes, 6 files, 30 days)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(1_800_000);

  it("prints every parameter with its source, the three arms by class, the sweep, and Freenet's month as the blocks reference", async () => {
    const report = await retentionScenario.run({ seed: 'retention-report', nodes: 30, requests: 6 });
    const [calibration, byClass, sweep] = report.tables;
    assert.equal(calibration!.rows.length, calibrationTable(RETENTION_CALIBRATION).length);
    assert.equal(byClass!.rows.length, 3 * FILE_CLASSES.length);
    assert.deepEqual(
      sweep!.rows.map((row) => row[0]),
      [0.25, 1, 4],
    );
    const blocks = report.figures.find((figure) => figure.name.startsWith('blocks retrievable on day 30, no fetch'))!;
    assert.equal(blocks.reference?.value, 0.5);
    assert.ok(blocks.value > 0 && blocks.value <= 1);
    const [daily] = report.charts;
    assert.deepEqual(
      daily!.series.map((series) => series.points.length),
      [30, 30, 1],
    );
  });
});
