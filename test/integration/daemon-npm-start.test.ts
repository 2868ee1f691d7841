import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild, tracked } from '../support/children.js';
import { eventually } from '../support/until.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm start (the built tree)', function () {
  // A hang guard: a loaded machine takes longer.
  this.timeout(180_000);
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'warren-npm-start-'));
    const build = spawnSync(npm, ['run', 'build'], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
  });

  after(() => rm(dataDir, { recursive: true, force: true }));

  it('runs a node from dist/ until SIGTERM, then exits 0', async () => {
    const args = ['start', '--', '--data-dir', dataDir, '--pow-difficulty', '8', '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0', '--gateway-port', '0'];
    // npm runs the node as a grandchild: a process group of their own, so that both can be killed.
    const child = tracked(spawn(npm, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], detached: true }), { group: true });
    const stderr: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const status = await eventually(
        'the node to answer',
        async () => {
          assert.equal(child.exitCode, null, `npm exited: ${stderr.join('')}`);
          const { port } = JSON.parse(await readFile(join(dataDir, 'api.json'), 'utf8')) as { port: number };
          const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim();
          return fetch(`http://127.0.0.1:${port}/v1/status`, { headers: { authorization: `Bearer ${token}` } });
        },
        { pollMs: 100 },
      );
      assert.equal(status.status, 200);
      // The node's own process (npm runs it as a child), from its JSON log line.
      const running = /\{[^\n]*"msg":"node running"[^\n]*\}/.exec(stderr.join(''));
      assert.ok(running !== null, stderr.join(''));
      process.kill((JSON.parse(running[0]) as { pid: number }).pid, 'SIGTERM');
      // npm exits with the node's exit code.
      assert.equal(await exited, 0, stderr.join(''));
    } finally {
      await stopChild(child);
    }
  });
});
