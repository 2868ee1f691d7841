import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from '../support/children.js';
import { spawnWarren, warren } from '../support/client-network.js';
import { eventually, PROCESS_START_MS } from '../support/until.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('warren testnet (eight node processes)', function () {
  // A hang guard: eight node processes start slowly on a loaded machine.
  this.timeout(900_000);
  let root: string;
  let testnet: ChildProcess | undefined;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-testnet-test-'));
  });

  after(async () => {
    if (testnet !== undefined) await stopChild(testnet, 'SIGINT');
    await rm(root, { recursive: true, force: true });
  });

  it('starts eight joined nodes, prints their directories and gateways, carries a put and a get, and stops them all on SIGINT', async () => {
    testnet = spawnWarren(['testnet', '--nodes', '8', '--root', join(root, 'net')]);
    let stdout = '';
    testnet.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    testnet.stderr!.resume();
    await eventually('the testnet to print its nodes', () => (stdout.includes('Ctrl-C stops them all') ? true : undefined), {
      timeoutMs: PROCESS_START_MS,
      pollMs: 200,
    });
    const nodes = [...stdout.matchAll(/^ {2}(\S+) {2}gateway (http:\/\/127\.0\.0\.1:\d+\/) {2}pid (\d+)$/gm)].map(([, dataDir, gateway, pid]) => ({
      dataDir: dataDir!,
      gateway: gateway!,
      pid: Number(pid),
    }));
    assert.equal(nodes.length, 8, stdout);
    assert.equal(new Set(nodes.map((node) => node.gateway)).size, 8);

    const source = join(root, 'across.txt');
    await writeFile(source, 'from one node of the testnet to another');
    const put = await warren('put', source, '--data-dir', nodes[1]!.dataDir, '--json');
    assert.equal(put.code, 0, put.stderr);
    const { uri } = JSON.parse(put.stdout) as { uri: string };
    const output = join(root, 'got.txt');
    const got = await warren('get', uri, '--data-dir', nodes[7]!.dataDir, '-o', output);
    assert.equal(got.code, 0, got.stderr);
    assert.equal(await readFile(output, 'utf8'), 'from one node of the testnet to another');
    const page = await fetch(`${nodes[5]!.gateway}${uri}`);
    assert.equal(await page.text(), 'from one node of the testnet to another');

    const exited = new Promise<number | null>((done) => testnet!.once('exit', (code) => done(code)));
    testnet.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.deepEqual(
      nodes.filter((node) => alive(node.pid)).map((node) => node.pid),
      [],
      'every node stopped',
    );
  });
});
