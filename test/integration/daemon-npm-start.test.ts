import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm start (the built tree)', function () {
  this.timeout(40_000);
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'warren-npm-start-'));
    const build = spawnSync(npm, ['run', 'build'], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
  });

  after(() => rm(dataDir, { recursive: true, force: true }));

  it('runs a node from dist/ until SIGTERM, then exits 0', async () => {
    const args = ['start', '--', '--data-dir', dataDir, '--pow-difficulty', '8', '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0'];
    const child = spawn(npm, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      let status: Response | undefined;
      while (status === undefined) {
        assert.ok(Date.now() < deadline, `not ready: ${stderr.join('')}`);
        await sleep(100);
        const port = await readFile(join(dataDir, 'api.json'), 'utf8').then(
          (text) => (JSON.parse(text) as { port: number }).port,
          () => undefined,
        );
        if (port === undefined) continue;
        const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim();
        status = await fetch(`http://127.0.0.1:${port}/v1/status`, { headers: { authorization: `Bearer ${token}` } });
      }
      assert.equal(status.status, 200);
      // The node's own process (npm runs it as a child), from its JSON log line.
      const running = /\{[^\n]*"msg":"node running"[^\n]*\}/.exec(stderr.join(''));
      assert.ok(running !== null, stderr.join(''));
      process.kill((JSON.parse(running[0]) as { pid: number }).pid, 'SIGTERM');
      // npm exits with the node's exit code.
      assert.equal(await exited, 0, stderr.join(''));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
