import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type LoopbackNetwork, startLoopbackNetwork, warrenWhileProgressing } from '../support/client-network.js';

const MiB = 1024 * 1024;

/** Writes `size` random bytes to `path` a MiB at a time; returns their SHA-256. */
async function writeRandomFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    (function* () {
      for (let left = size; left > 0; left -= MiB) {
        const chunk = randomBytes(Math.min(MiB, left));
        hash.update(chunk);
        yield chunk;
      }
    })(),
    createWriteStream(path),
  );
  return hash.digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/*
 * Three nodes: the block of every insert is relayed through a node, kept by the closest one and cached
 * by the others, which is all these transfers need to show; more nodes would only make them slower.
 */
/** Silence that counts as a hang: the commands print a progress line a second while they work. */
const STALL_MS = 300_000;
const warren = (...args: string[]) => warrenWhileProgressing(STALL_MS, ...args);

describe('warren put and get of large files and a directory of 50 (three nodes on loopback)', function () {
  // Each command is guarded by its progress (STALL_MS), not by a total time: a busy machine only slows it.
  this.timeout(0);
  let root: string;
  let network: LoopbackNetwork;
  let a: string;
  let b: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-client-large-'));
    network = await startLoopbackNetwork(root, 3);
    [a, b] = [network.dirs[1]!, network.dirs[2]!];
  });

  after(async () => {
    await network?.stop();
    await rm(root, { recursive: true, force: true });
  });

  for (const [label, size] of [
    ['10 MiB', 10 * MiB],
    ['200 MiB', 200 * MiB + 12_345],
  ] as const) {
    it(`round-trips ${label} byte for byte, streamed on both sides`, async () => {
      const source = join(root, 'large.bin');
      const written = await writeRandomFile(source, size);
      const put = await warren('put', source, '--data-dir', a, '--json');
      assert.equal(put.code, 0, put.stderr);
      const inserted = JSON.parse(put.stdout) as { uri: string; size: number };
      assert.equal(inserted.size, size);
      await rm(source);

      const target = join(root, 'large-copy.bin');
      const get = await warren('get', inserted.uri, '--data-dir', b, '-o', target);
      assert.equal(get.code, 0, get.stderr);
      assert.equal((await stat(target)).size, size);
      assert.equal(await sha256Of(target), written);
      await rm(target);
    });
  }

  it('puts a directory of 50 files in 5 folders; gets it whole, and single paths resolve', async () => {
    const source = join(root, 'fifty');
    const files = new Map<string, Uint8Array>();
    for (let index = 0; index < 50; index++) files.set(`part-${index % 5}/file-${index}.bin`, randomBytes(index * 1_499)); // 0 B to 2 blocks
    for (let part = 0; part < 5; part++) await mkdir(join(source, `part-${part}`), { recursive: true });
    for (const [path, content] of files) await writeFile(join(source, path), content);
    const put = await warren('put', source, '--data-dir', a, '--json');
    assert.equal(put.code, 0, put.stderr);
    const inserted = JSON.parse(put.stdout) as { uri: string; kind: string; files: Array<{ path: string }> };
    assert.equal(inserted.kind, 'directory');
    assert.deepEqual(inserted.files.map((file) => file.path).sort(), [...files.keys()].sort());

    const target = join(root, 'fifty-copy');
    const get = await warren('get', inserted.uri, '--data-dir', b, '-o', target, '--json');
    assert.equal(get.code, 0, get.stderr);
    assert.equal((JSON.parse(get.stdout) as { files: unknown[] }).files.length, 50);
    for (const [path, content] of files) assert.ok(Buffer.from(content).equals(await readFile(join(target, path))), path);

    for (const path of ['part-0/file-0.bin', 'part-3/file-23.bin', 'part-4/file-49.bin']) {
      const single = join(root, `single-${path.replaceAll('/', '-')}`);
      const got = await warren('get', `${inserted.uri}/${path}`, '--data-dir', b, '-o', single);
      assert.equal(got.code, 0, got.stderr);
      assert.ok(Buffer.from(files.get(path)!).equals(await readFile(single)), path);
    }
    const missing = await warren('get', `${inserted.uri}/part-1/file-2.bin`, '--data-dir', b, '-o', join(root, 'missing.bin'));
    assert.equal(missing.code, 3, missing.stderr);
    const underFile = await warren('get', `${inserted.uri}/part-0/file-5.bin/more`, '--data-dir', b, '-o', join(root, 'missing.bin'));
    assert.equal(underFile.code, 3, underFile.stderr);
  });
});
