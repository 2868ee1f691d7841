import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { randomBytes } from '../../protocol/crypto.js';
import { ChkUri, encodeChk } from '../../protocol/keys/index.js';
import { fetchStatus } from '../../node/api/client.js';
import type { NodeStatus } from '../../node/api/status.js';
import { localEndpoint } from '../../node/cli/endpoint.js';
import { generateKeys } from '../../node/cli/keys.js';

const main = fileURLToPath(new URL('../../node/cli/main.ts', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `warren …` to its end. */
function warren(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function startNode(dataDir: string, ...extra: string[]): ChildProcess {
  const args = ['--import', 'tsx', main, 'node', '--data-dir', dataDir, '--pow-difficulty', '8', '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0', ...extra];
  return spawn(process.execPath, args, { stdio: 'ignore' });
}

/** The node's status once it has `peers` peers. */
async function readyWith(dataDir: string, peers: number): Promise<NodeStatus> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
    const status = await localEndpoint(dataDir).then((endpoint) => fetchStatus(endpoint)).catch(() => undefined);
    if (status !== undefined && status.peers.length >= peers) return status;
  }
  throw new Error(`the node in ${dataDir} did not get ${peers} peers`);
}

/* Eight nodes, so that files travel through several relays and their blocks spread over the network. */
describe('warren put and get (eight nodes on loopback)', function () {
  this.timeout(90_000);
  let root: string;
  let a: string;
  let b: string;
  const nodes: ChildProcess[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-client-cli-'));
    const seedDir = join(root, 'seed');
    nodes.push(startNode(seedDir));
    const seed = (await readyWith(seedDir, 0)).addresses[0]!;
    const dirs = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => join(root, name));
    [a, b] = [dirs[0]!, dirs[1]!];
    for (const dir of dirs) nodes.push(startNode(dir, '--seed', seed));
    // The seed knows every node; the nodes meet more of each other through it (opennet).
    await Promise.all([readyWith(seedDir, dirs.length), ...dirs.map((dir) => readyWith(dir, 2))]);
  });

  after(async () => {
    for (const node of nodes) node.kill('SIGINT');
    await Promise.all(nodes.map((node) => new Promise((resolve) => (node.exitCode === null ? node.once('exit', resolve) : resolve(undefined)))));
    await rm(root, { recursive: true, force: true });
  });

  it('puts files of 0 B, 1 B, 32744 B, 32745 B and 2 MiB on one node and gets them byte for byte on the other', async () => {
    const sizes = [0, 1, 32744, 32745, 2 * 1024 * 1024 + 3];
    await Promise.all(
      sizes.map(async (size) => {
        const source = join(root, `file-${size}.bin`);
        const content = randomBytes(size);
        await writeFile(source, content);
        const put = await warren('put', source, '--data-dir', a, '--json');
        assert.equal(put.code, 0, put.stderr);
        const inserted = JSON.parse(put.stdout) as { uri: string; size: number; kind: string };
        assert.match(inserted.uri, new RegExp(`^CHK@.+/file-${size}\\.bin$`));
        assert.equal(inserted.size, size);
        const target = join(root, `got-${size}.bin`);
        const get = await warren('get', inserted.uri, '--data-dir', b, '-o', target);
        assert.equal(get.code, 0, get.stderr);
        assert.equal(get.stdout.trim(), `${target} (${size} bytes, application/octet-stream)`);
        assert.ok(Buffer.from(content).equals(await readFile(target)), `${size} bytes round-trip`);
      }),
    );
  });

  it('puts a directory and gets it back on the other node, file by file', async () => {
    const source = join(root, 'site');
    await mkdir(join(source, 'docs'), { recursive: true });
    const files: Record<string, Uint8Array> = { 'index.html': Buffer.from('<h1>hello</h1>'), 'docs/notes.txt': Buffer.from('notes'), 'docs/data.bin': randomBytes(40_000) };
    for (const [path, content] of Object.entries(files)) await writeFile(join(source, path), content);
    const put = await warren('put', source, '--data-dir', b);
    assert.equal(put.code, 0, put.stderr);
    const uri = put.stdout.trim();
    assert.match(uri, /^CHK@[^/]+$/);
    const target = join(root, 'site-copy');
    const get = await warren('get', uri, '--data-dir', a, '-o', target, '--json');
    assert.equal(get.code, 0, get.stderr);
    assert.deepEqual((JSON.parse(get.stdout) as { kind: string }).kind, 'directory');
    for (const [path, content] of Object.entries(files)) assert.ok(Buffer.from(content).equals(await readFile(join(target, path))), path);
    const page = await warren('get', `${uri}/index.html`, '--data-dir', a, '-o', join(root, 'page.html'));
    assert.equal(page.code, 0, page.stderr);
    assert.match(page.stdout, /text\/html/);
  });

  it('publishes under a USK twice; the first edition\'s URI gets the newest', async () => {
    const { insertUri, requestUri } = generateKeys('notes');
    const published = [];
    for (const text of ['first edition', 'second edition']) {
      const source = join(root, 'notes.txt');
      await writeFile(source, text);
      const put = await warren('put', source, '--data-dir', a, '--key', insertUri.toString(), '--data-blocks', '2', '--check-blocks', '1');
      assert.equal(put.code, 0, put.stderr);
      published.push(put.stdout.trim());
    }
    assert.deepEqual(published, [requestUri.withEdition(0).toString(), requestUri.withEdition(1).toString()]);
    const target = join(root, 'newest.txt');
    const get = await warren('get', requestUri.toString(), '--data-dir', b, '-o', target);
    assert.equal(get.code, 0, get.stderr);
    assert.equal(await readFile(target, 'utf8'), 'second edition');
  });

  it('refuses a request URI as --key (exit 2), and says when data is not found (exit 3)', async () => {
    const source = join(root, 'refused.txt');
    await writeFile(source, 'refused');
    const wrong = await warren('put', source, '--data-dir', a, '--key', generateKeys('site').requestUri.toString());
    assert.equal(wrong.code, 2);
    assert.equal(wrong.stderr.trim(), 'warren: this is a request URI; inserting needs the insert URI (SSK-INSERT@… or USK-INSERT@…)');
    const absent = encodeChk(randomBytes(100));
    const missing = await warren('get', new ChkUri(absent.routingKey, absent.cryptoKey, ['absent.txt']).toString(), '--data-dir', b, '-o', join(root, 'absent.txt'));
    assert.equal(missing.code, 3, missing.stderr);
    assert.match(missing.stderr, /^warren: (not found after \d+ hops: the data may have dropped out of the network|no route left)/m);
  });
});
