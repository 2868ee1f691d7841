import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '../../protocol/crypto.js';
import { ChkUri, encodeChk } from '../../protocol/keys/index.js';
import { generateKeys } from '../../node/app/cli/keys.js';
import { fetchStatus } from '../../node/app/api/client.js';
import { localEndpoint } from '../../node/app/cli/endpoint.js';
import { downloadPaths } from '../../node/app/cli/partial-download.js';
import { SHARD_BYTES } from '../../node/client/segments.js';
import { finished, type LoopbackNetwork, spawnWarren, startLoopbackNetwork, warren } from '../support/client-network.js';
import { eventually, HANG_GUARD_MS } from '../support/until.js';

/* Eight nodes, so that files travel through several relays and their blocks spread over the network. */
describe('warren put and get (eight nodes on loopback)', function () {
  // A hang guard: node processes start slowly on a loaded machine.
  this.timeout(600_000);
  let root: string;
  let a: string;
  let b: string;
  let network: LoopbackNetwork;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-client-cli-'));
    network = await startLoopbackNetwork(root, 8);
    [a, b] = [network.dirs[1]!, network.dirs[2]!];
  });

  after(async () => {
    await network?.stop();
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
    const files: Record<string, Uint8Array> = {
      'index.html': Buffer.from('<h1>hello</h1>'),
      'docs/notes.txt': Buffer.from('notes'),
      'docs/data.bin': randomBytes(40_000),
    };
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
    const listed = await warren('ls', uri, '--data-dir', a);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .sort(),
      [
        ['14', 'text/html', 'index.html'],
        ['40000', 'application/octet-stream', 'docs/data.bin'],
        ['5', 'text/plain', 'docs/notes.txt'],
      ].sort(),
    );
    const cat = await warren('cat', `${uri}/docs/notes.txt`, '--data-dir', a);
    assert.equal(cat.code, 0, cat.stderr);
    assert.equal(cat.stdout, 'notes');
  });

  it('resumes a get killed mid-download: nothing under the final name, then fewer blocks fetched (counted); no overwrite without --force', async () => {
    // 6 MiB in segments of 16 + 16 blocks (523,904 bytes): 193 data blocks in 13 segments.
    const size = 6 * 1024 * 1024;
    const dataBlocks = Math.ceil(size / SHARD_BYTES);
    const content = randomBytes(size);
    const source = join(root, 'large.bin');
    await writeFile(source, content);
    const put = await warren('put', source, '--data-dir', a, '--data-blocks', '16', '--check-blocks', '16');
    assert.equal(put.code, 0, put.stderr);
    const uri = put.stdout.trim();
    const out = join(root, 'resumed');
    await mkdir(out);
    const output = join(out, 'large.bin');
    const { partial, record } = downloadPaths(output);

    // Stepped with SIGSTOP and SIGCONT, so that it is caught mid-way however fast it runs: killed once a record vouches for a segment.
    const first = spawnWarren(['get', uri, '--data-dir', b, '-o', output]);
    const ended = finished(first);
    const recorded = await eventually(
      'a resume record of at least one segment',
      async () => {
        first.kill('SIGSTOP');
        const kept = await readFile(record, 'utf8').then(
          (text) => JSON.parse(text) as { bytesDone: number },
          () => undefined,
        );
        if (kept !== undefined && kept.bytesDone >= 16 * SHARD_BYTES) return kept.bytesDone;
        if (first.exitCode !== null) throw new Error(`the get ended before it could be killed: ${first.exitCode}`);
        first.kill('SIGCONT');
        return undefined;
      },
      { timeoutMs: HANG_GUARD_MS * 4, pollMs: 20 },
    );
    first.kill('SIGKILL');
    assert.equal((await ended).code, null, 'killed');
    await assert.rejects(readFile(output), { code: 'ENOENT' }, 'nothing under the final name');
    assert.ok((await readFile(partial)).length >= recorded, 'the partial file holds what its record vouches for');

    const requested = async (): Promise<number> => {
      const { requests } = await fetchStatus(await localEndpoint(b));
      return requests.requests.active === 0 ? requests.requests.started : Number.NaN;
    };
    const before = await eventually('the killed get to be over at the node', async () => {
      const started = await requested();
      return Number.isNaN(started) ? undefined : started;
    });
    const second = await warren('get', uri, '--data-dir', b, '-o', output);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`resumed after byte ${recorded}\\)$`, 'm'));
    assert.ok(Buffer.from(content).equals(await readFile(output)), 'byte for byte');
    assert.deepEqual(await readdir(out), ['large.bin'], 'the partial file and its record are gone');
    const fetched = (await requested()) - before;
    assert.ok(fetched < dataBlocks, `the second get asked for ${fetched} blocks, of the file's ${dataBlocks}`);

    const again = await warren('get', uri, '--data-dir', b, '-o', output);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists: give --force to write over it/);
  });

  it("publishes under a USK twice; the first edition's URI gets the newest", async () => {
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
    const missing = await warren(
      'get',
      new ChkUri(absent.routingKey, absent.cryptoKey, ['absent.txt']).toString(),
      '--data-dir',
      b,
      '-o',
      join(root, 'absent.txt'),
    );
    assert.equal(missing.code, 3, missing.stderr);
    assert.match(missing.stderr, /^warren: (not found after \d+ hops: the data may have dropped out of the network|no route left)/m);
  });
});
