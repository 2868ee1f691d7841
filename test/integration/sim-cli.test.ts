import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tracked } from '../support/children.js';

const main = fileURLToPath(new URL('../../node/app/cli/main.ts', import.meta.url));
const RUN = ['--scenario', 'baseline', '--nodes', '200', '--requests', '500', '--seed', '1'];

async function warren(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const running = promisify(execFile)(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8' });
    tracked(running.child);
    const { stdout, stderr } = await running;
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('warren sim (the real command line)', function () {
  this.timeout(300_000);
  let directory: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'warren-sim-cli-'));
  });

  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('lists the scenarios, and refuses an unknown one with exit code 2, naming the known ones', async () => {
    const list = await warren('sim', '--list');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^baseline {2,}Inserts then Zipf-popular requests/m);
    assert.match(list.stdout, /^opennet-growth {2,}an opennet grown/m);
    const unknown = await warren('sim', '--scenario', 'nope');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^warren: unknown scenario "nope"; known scenarios: baseline, random-locations, opennet-growth, /m);
    const badSize = await warren('sim', '--scenario', 'opennet-growth', '--nodes', 'lots');
    assert.equal(badSize.status, 2);
    assert.match(badSize.stderr, /--nodes must be a whole number/);
  });

  it('writes report.json, performance.json and report.html; the same seed gives the same report.json byte for byte', async () => {
    const first = await warren('sim', ...RUN, '--out', join(directory, 'first'));
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^warren sim: baseline \(seed 1\)\n/);
    assert.match(first.stdout, /\nsuccess rate +[\d.]+ %\n/);
    assert.match(first.stdout, /\nperformance: .* wall, 200 nodes \(.* nodes\/s\), .* events \(.* events\/s\), peak RSS .*\n$/);
    assert.match(first.stderr, /^baseline: .* \d+\/\d+ .* events \| peak RSS /m);
    assert.match(first.stderr, /wrote .*first\/report\.json, .*first\/performance\.json, .*first\/report\.html\n$/);
    assert.deepEqual((await readdir(join(directory, 'first'))).sort(), ['performance.json', 'report.html', 'report.json']);

    const report = JSON.parse(await readFile(join(directory, 'first', 'report.json'), 'utf8'));
    assert.equal(report.scenario, 'baseline');
    assert.equal(report.seed, '1');
    assert.equal(report.parameters.nodes, 200);
    assert.equal(report.parameters.requests, 500);
    const performance = JSON.parse(await readFile(join(directory, 'first', 'performance.json'), 'utf8'));
    assert.equal(performance.nodes, 200);
    assert.ok(performance.events > 0 && performance.wallMs > 0 && performance.peakRssBytes > 0 && performance.eventsPerSecond > 0, JSON.stringify(performance));
    const html = await readFile(join(directory, 'first', 'report.html'), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.equal(html.match(/<svg /g)?.length, report.charts.length);

    const second = await warren('sim', ...RUN, '--out', join(directory, 'second'));
    assert.equal(second.status, 0, second.stderr);
    const [a, b] = await Promise.all(['first', 'second'].map((run) => readFile(join(directory, run, 'report.json'))));
    assert.ok(a!.equals(b!), 'report.json differs between two runs with the same seed');
  });

  it('without --out prints the text report and says where files would go', async () => {
    const result = await warren('sim', '--scenario', 'opennet-growth', '--nodes', '10', '--requests', '20');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^warren sim: opennet-growth \(seed 1\)\nparameters: .*nodes 10, .*requests 20/);
    assert.match(result.stderr, /no files written: --out DIR writes report\.json, performance\.json and report\.html there\n$/);
  });
});
