import assert from 'node:assert/strict';
import { encodeFile, isRetrievable, shardBytes } from '../../sim/files.js';
import { simulationChkFormat } from '../../protocol/keys/chk.js';
import { isValidBlock } from '../../protocol/keys/block.js';
import { type RetentionRun, runRetention } from '../../sim/retention-experiment.js';
import { retentionScenario } from '../../sim/scenarios/retention.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SMALL = { seed: 'retention-test', nodes: 80, files: 12, days: 4, sessionScaleMs: HOUR_MS } as const;

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

describe('sim/retention (seeded, 80 nodes, 4 days)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  let plain: RetentionRun;
  let healed: RetentionRun;
  let harsh: RetentionRun;
  let harshHealed: RetentionRun;

  before(async () => {
    plain = await runRetention({ ...SMALL, healing: false });
    healed = await runRetention({ ...SMALL, healing: true });
    // Nodes online half of the time and replaced after a day on average: blocks are lost.
    const harshSettings = { ...SMALL, availability: 0.5, meanMembershipMs: DAY_MS };
    harsh = await runRetention({ ...harshSettings, healing: false });
    harshHealed = await runRetention({ ...harshSettings, healing: true });
  });

  it('stores every block, and checks each file once without healing (a cohort a day), every file every day with it', () => {
    assert.deepEqual(plain.blocksInserted, { attempted: 12 * 12, succeeded: 12 * 12 });
    assert.deepEqual(
      plain.days.map((day) => day.filesChecked),
      [3, 3, 3, 3],
    );
    assert.deepEqual(
      healed.days.map((day) => day.filesChecked),
      [12, 12, 12, 12],
    );
    for (const day of [...plain.days, ...healed.days]) {
      assert.equal(day.blocksChecked, day.filesChecked * 12);
      assert.ok(day.blocksRetrievable <= day.blocksChecked && day.filesRetrievable <= day.filesChecked);
    }
    assert.ok(plain.churn.leaves > 80, JSON.stringify(plain.churn));
  });

  it('keeps almost every file over the days at the default churn', () => {
    for (const run of [plain, healed]) {
      const files = run.days.reduce((sum, day) => sum + day.filesRetrievable, 0) / run.days.reduce((sum, day) => sum + day.filesChecked, 0);
      assert.ok(files >= 0.9, `files retrievable ${files}`);
    }
  });

  it('under harsh churn, loses blocks without healing; the healing publisher re-inserts exactly the blocks it missed', () => {
    const lost = harsh.days.reduce((sum, day) => sum + day.blocksChecked - day.blocksRetrievable, 0);
    assert.ok(lost > 0, 'no block was lost');
    assert.ok(harsh.churn.replacements > 0);
    for (const day of harshHealed.days) assert.equal(day.blocksReinserted, day.blocksChecked - day.blocksRetrievable);
    const healedFiles = harshHealed.days.at(-1)!.filesRetrievable / 12;
    const plainBlocks = harsh.days.at(-1)!.blocksRetrievable / harsh.days.at(-1)!.blocksChecked;
    const healedBlocks = harshHealed.days.at(-1)!.blocksRetrievable / harshHealed.days.at(-1)!.blocksChecked;
    assert.ok(healedBlocks > plainBlocks, `healing ${healedBlocks}, none ${plainBlocks}`);
    assert.ok(healedFiles >= 0.5, `healing kept ${healedFiles} of the files`);
  });

  it('gives the same run for the same seed', async () => {
    const again = await runRetention({ ...SMALL, healing: false });
    assert.deepEqual(again, plain);
  });
});

describe('scenario retention (seeded, 40 nodes, 30 days)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);

  it("reports 30 days of both series, with Freenet's month as the reference, and beats it with healing", async () => {
    const report = await retentionScenario.run({ seed: 'retention-report', nodes: 40, requests: 360 });
    assert.equal(report.parameters.files, 30);
    assert.equal(report.tables[0]!.rows.length, 30);
    const [files] = report.charts;
    assert.deepEqual(
      files!.series.map((series) => series.points.length),
      [30, 30],
    );
    const healed = report.figures.find((figure) => figure.name === 'blocks retrievable on day 30, healing')!;
    assert.equal(healed.reference?.value, 0.5);
    assert.ok(healed.value > 0.5, `healing kept ${healed.value} of the blocks`);
    assert.equal(report.figures.find((figure) => figure.name === 'files retrievable on day 30, healing')!.value, 1);
  });
});
