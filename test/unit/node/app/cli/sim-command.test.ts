import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeOf } from '../../../../../node/app/cli/exit-codes.js';
import { heapAdvice, listScenarios, resolveSimRun, runScenario, writeReportFiles } from '../../../../../node/app/cli/sim-command.js';
import type { Scenario } from '../../../../../sim/report/model.js';
import { SCENARIOS } from '../../../../../sim/scenarios/index.js';
import { sampleReport } from '../../../sim/report/sample-report.js';

const refused = (message: RegExp) => (error: unknown) => exitCodeOf(error) === 2 && message.test((error as Error).message);

const quiet = { isTTY: false, write: () => true };

describe('node/app/cli/sim-command', () => {
  it('warns, with the option to pass, when the nodes likely need more heap than the process has', () => {
    const fourGiB = 4 * 2 ** 30;
    assert.equal(heapAdvice(10_000, fourGiB), undefined);
    const advice = heapAdvice(100_000, fourGiB);
    assert.match(advice ?? '', /^warning: 100,000 nodes may need about 11\.4 GiB of JavaScript heap and this process has 4\.0 GiB; /);
    assert.match(advice ?? '', /NODE_OPTIONS="--max-old-space-size=18000 --max-semi-space-size=64"\n$/);
    assert.equal(heapAdvice(100_000, 16 * 2 ** 30), undefined);
  });

  it('lists every scenario with its summary and default size', () => {
    const listing = listScenarios();
    assert.equal(listing.split('\n').length, SCENARIOS.length);
    assert.match(listing, /^opennet-growth {2,}an opennet grown from an empty network .* \(default 1000 nodes, 5000 requests\)$/m);
    const fake: Scenario = { name: 'big', summary: 'large', defaults: { nodes: 64_000, requests: 10_000 }, run: async () => sampleReport };
    assert.equal(listScenarios([fake]), 'big  large (default 64,000 nodes, 10,000 requests)');
  });

  it("takes the scenario's defaults and seed 1 unless told otherwise", () => {
    const run = resolveSimRun({ scenario: 'opennet-growth' });
    assert.deepEqual({ ...run, scenario: run.scenario.name }, { scenario: 'opennet-growth', nodes: 1_000, requests: 5_000, seed: '1', out: undefined });
    const chosen = resolveSimRun({ scenario: 'opennet-growth', nodes: '200', requests: '500', seed: 'x', out: 'dir' });
    assert.deepEqual([chosen.nodes, chosen.requests, chosen.seed, chosen.out], [200, 500, 'x', 'dir']);
  });

  it('refuses a missing or unknown scenario, naming the known ones (exit code 2)', () => {
    assert.throws(() => resolveSimRun({}), refused(/^choose a scenario with --scenario NAME .*: baseline, random-locations, opennet-growth, churn/));
    assert.throws(
      () => resolveSimRun({ scenario: 'baselin' }),
      refused(/^unknown scenario "baselin"; known scenarios: baseline, .*hops-vs-size, anonymity, anonymity-small-world, anonymity-opennet$/),
    );
  });

  it('takes --design for a scenario that compares designs, and refuses it elsewhere or unknown (exit code 2)', () => {
    assert.equal(resolveSimRun({ scenario: 'anonymity-opennet', design: 'v1' }).design, 'v1');
    assert.equal(resolveSimRun({ scenario: 'anonymity' }).design, undefined);
    assert.throws(() => resolveSimRun({ scenario: 'anonymity', design: 'v3' }), refused(/^--design must be one of v1, v2 for anonymity, got "v3"$/));
    assert.throws(
      () => resolveSimRun({ scenario: 'baseline', design: 'v1' }),
      refused(/^--design applies to scenarios that compare designs; baseline compares none$/),
    );
  });

  it('refuses sizes that are not whole numbers of at least 1, and an empty seed', () => {
    for (const nodes of ['0', '-5', '1.5', '1e3', 'many', '', '99999999999999999999']) {
      assert.throws(() => resolveSimRun({ scenario: 'opennet-growth', nodes }), refused(/^--nodes must be a whole number of at least 1/), nodes);
    }
    assert.throws(() => resolveSimRun({ scenario: 'opennet-growth', requests: '0' }), refused(/^--requests must be/));
    assert.throws(() => resolveSimRun({ scenario: 'opennet-growth', seed: '' }), refused(/^--seed must not be empty/));
  });

  it("measures the run and turns a scenario's RangeError into a refusal", async () => {
    const counting: Scenario = {
      name: 'counting',
      summary: '',
      defaults: { nodes: 10, requests: 10 },
      run: async (options) => {
        options.countEvents?.(40);
        options.onProgress?.({ phase: 'working', done: 1, total: 2 });
        options.countEvents?.(2);
        return { ...sampleReport, parameters: { nodes: options.nodes, seed: options.seed, design: options.design ?? 'all' } };
      },
    };
    const { report, performance } = await runScenario({ scenario: counting, nodes: 30, requests: 5, seed: 's', out: undefined }, quiet);
    assert.deepEqual(report.parameters, { nodes: 30, seed: 's', design: 'all' });
    const oneDesign = await runScenario({ scenario: counting, nodes: 30, requests: 5, seed: 's', out: undefined, design: 'v2' }, quiet);
    assert.equal(oneDesign.report.parameters.design, 'v2');
    assert.equal(performance.events, 42);
    assert.equal(performance.nodes, 30);
    assert.ok(performance.wallMs >= 0 && performance.peakRssBytes > 10 * 2 ** 20, JSON.stringify(performance));
    const tooSmall: Scenario = {
      ...counting,
      run: async () => {
        throw new RangeError('needs more nodes');
      },
    };
    await assert.rejects(
      runScenario({ scenario: tooSmall, nodes: 1, requests: 1, seed: '1', out: undefined }, quiet),
      refused(/^scenario counting: needs more nodes$/),
    );
  });

  it('writes the three files into the directory, making it if needed', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'warren-sim-'));
    try {
      const out = join(directory, 'nested', 'run');
      const paths = await writeReportFiles(out, sampleReport, { wallMs: 1, nodes: 2, events: 3, peakRssBytes: 4 });
      assert.deepEqual(
        paths,
        ['report.json', 'performance.json', 'report.html'].map((name) => join(out, name)),
      );
      assert.equal(JSON.parse(await readFile(paths[0]!, 'utf8')).scenario, 'sample');
      assert.equal(JSON.parse(await readFile(paths[1]!, 'utf8')).events, 3);
      assert.match(await readFile(paths[2]!, 'utf8'), /^<!doctype html>/);
      await writeFile(join(directory, 'file'), '');
      await assert.rejects(writeReportFiles(join(directory, 'file'), sampleReport, { wallMs: 1, nodes: 2, events: 3, peakRssBytes: 4 }), { code: 'EEXIST' });
    } finally {
      await rm(directory, { recursive: true });
    }
  });
});
