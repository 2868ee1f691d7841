import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatGet, type GetResult, runGet } from '../../../../../node/app/cli/get-command.js';
import { downloadPaths, RECORD_EVERY_BYTES } from '../../../../../node/app/cli/partial-download.js';
import { Client } from '../../../../../node/client/client.js';
import { SHARD_BYTES } from '../../../../../node/client/segments.js';
import { DataNotFoundError } from '../../../../../node/errors.js';
import { UskInsertUri } from '../../../../../protocol/keys/index.js';
import { Inserter } from '../../../../../node/client/insert.js';
import { randomBytes } from '../../../../../protocol/crypto.js';
import { toHex } from '../../../../../protocol/bytes.js';
import { directoryBomb, type MemoryClientNode } from '../../client/support.js';
import { eventually } from '../../../../support/until.js';
import { type NodeOverMemory, nodeOverMemory } from './support.js';

const MiB = 1024 * 1024;

describe('node/app/cli/get-command', () => {
  let dir: string;
  let node: NodeOverMemory;
  let memory: MemoryClientNode;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warren-get-'));
    node = await nodeOverMemory(dir, 'get-command');
    memory = node.memory;
  });

  after(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses without --yes, writing nothing, and writes with it, a directory of 8 × 8 paths over one 1 MiB file (64 MiB from 1 MiB)', async () => {
    const { uri: leaf } = await new Inserter(memory, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 0 }).insertFile({
      source: randomBytes(MiB),
      mime: 'application/octet-stream',
    });
    const bomb = await directoryBomb(memory, leaf, MiB, 8, 2);
    const output = join(dir, 'out');
    await assert.rejects(runGet(bomb.toString(), { dataDir: join(dir, 'node'), output, json: true }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'ERR_EXPANSION_REFUSED');
      assert.match(error.message, /writes 64\.0 MiB in 64 files from 1\.0 MiB of distinct files, more than 4× that \+ 16\.0 MiB: give --yes/);
      return true;
    });
    await assert.rejects(readdir(output), { code: 'ENOENT' }, 'nothing was written');
    const written = await runGet(bomb.toString(), { dataDir: join(dir, 'node'), output, json: true, yes: true });
    assert.equal(written.files.length, 64, 'with --yes, every path');
  });

  it('says which USK edition it fetched, in its result and its text', async () => {
    const client = new Client({ node: memory });
    const insertUri = new UskInsertUri(randomBytes(32), 'notes', 0);
    await client.publish(insertUri, await client.insertFile(new TextEncoder().encode('first')));
    const newest = await client.publish(insertUri, await client.insertFile(new TextEncoder().encode('second')));
    const asked = newest.toString().replace('/notes/1', '/notes/0');
    const output = join(dir, 'notes.txt');
    const result = await runGet(asked, { dataDir: join(dir, 'node'), output, json: true });
    assert.equal(result.files[0]?.edition, 1);
    assert.equal(await readFile(output, 'utf8'), 'second');
    assert.equal(formatGet(result), `${output} (6 bytes, application/octet-stream, USK edition 1)`);
  });

  it('says how many blocks the node rebuilt and inserted again, in its result and its text; --no-heal leaves them out', async () => {
    const content = randomBytes(4 * SHARD_BYTES);
    const client = new Client({ node: memory }, { dataBlocksPerSegment: 4, checkBlocksPerSegment: 4 });
    const uri = (await client.insertFile(content)).toString();
    const { manifest } = await client.resolveFile(uri);
    const lost = [manifest.segments[0]!.dataBlocks[1]!, manifest.segments[0]!.checkBlocks[0]!].map((ref) => toHex(ref.routingKey));
    for (const key of lost) memory.blocks.delete(key);
    const skipped = await runGet(uri, { dataDir: join(dir, 'node'), output: join(dir, 'unhealed.bin'), json: true, heal: false });
    assert.equal(skipped.files[0]!.healing, undefined);
    assert.deepEqual(
      lost.map((key) => memory.blocks.has(key)),
      [false, false],
    );
    const output = join(dir, 'healed.bin');
    const result = await runGet(uri, { dataDir: join(dir, 'node'), output, json: true });
    assert.deepEqual(await readFile(output), Buffer.from(content));
    assert.deepEqual(result.files[0]!.healing, { rebuilt: 2, inserted: 2, failed: 0, dropped: 0, mismatched: 0, pending: 0 });
    assert.deepEqual(
      lost.map((key) => memory.blocks.has(key)),
      [true, true],
    );
    assert.equal(formatGet(result), `${output} (${content.length} bytes, application/octet-stream; 2 blocks rebuilt, 2 inserted again)`);
    assert.equal(
      formatGet({ ...result, files: [{ ...result.files[0]!, healing: { rebuilt: 5, inserted: 1, failed: 1, dropped: 2, mismatched: 1, pending: 0 } }] }),
      `${output} (${content.length} bytes, application/octet-stream; 5 blocks rebuilt, 1 inserted again, 1 failed, ` +
        '2 dropped (over a cap of healing), 1 not matching their keys)',
    );
  });

  it('refuses to write over a file without --force, and writes over it with', async () => {
    const uri = (await new Client({ node: memory }).insertFile(new TextEncoder().encode('fresh'), { name: 'x.txt' })).toString();
    const output = join(dir, 'exists.txt');
    await writeFile(output, 'old');
    await assert.rejects(runGet(uri, { dataDir: join(dir, 'node'), output, json: true }), { code: 'ERR_OUTPUT_EXISTS' });
    assert.equal(await readFile(output, 'utf8'), 'old');
    await runGet(uri, { dataDir: join(dir, 'node'), output, json: true, force: true });
    assert.equal(await readFile(output, 'utf8'), 'fresh');
  });

  it('leaves nothing under the final name, nor a partial file, when the network fails mid-download', async () => {
    const inserter = new Inserter(memory, { dataBlocksPerSegment: 1, checkBlocksPerSegment: 0 });
    const { uri } = await inserter.insertFile({ source: randomBytes(3 * SHARD_BYTES), mime: 'application/octet-stream' });
    const out = join(dir, 'cut');
    await mkdir(out);
    // The manifest and one segment come, every later block is not found.
    let allowed = 2;
    const request = memory.request.bind(memory);
    memory.request = async (routingKey) => {
      if (allowed-- <= 0) throw new DataNotFoundError(18);
      return request(routingKey);
    };
    try {
      await assert.rejects(runGet(uri.toString(), { dataDir: join(dir, 'node'), output: join(out, 'file.bin'), json: true }));
    } finally {
      memory.request = request;
    }
    assert.deepEqual(await readdir(out), []);
  });

  /** Runs `get` with the network failing every block request after the first `allowed`, once a resume record is written; counts the requests made. */
  const getThrough = async (
    uri: string,
    output: string,
    allowed = Number.POSITIVE_INFINITY,
  ): Promise<{ requests: number; result?: GetResult; error?: unknown }> => {
    let requests = 0;
    const request = memory.request.bind(memory);
    const { record } = downloadPaths(output);
    memory.request = async (routingKey) => {
      if (requests++ < allowed) return request(routingKey);
      // Not before the command has recorded what it received: the node's error would cut off what is still on its way.
      await eventually('a resume record', () => stat(record));
      throw new DataNotFoundError(18);
    };
    try {
      const result = await runGet(uri, { dataDir: join(dir, 'node'), output, json: true });
      return { requests, result };
    } catch (error) {
      return { requests, error };
    } finally {
      memory.request = request;
    }
  };

  /** Cuts a get short after `allowed` block requests; asserts that it kept a recorded partial download. */
  const interrupt = async (uri: string, output: string, allowed: number): Promise<void> => {
    const cut = await getThrough(uri, output, allowed);
    assert.equal((cut.error as { code?: string } | undefined)?.code, 'ERR_TRANSFER_CUT');
    await readFile(downloadPaths(output).record);
  };

  /** A file of `size` random bytes in segments of 6 data blocks (196,464 bytes) and no check blocks. */
  const insertSegmented = async (size: number): Promise<{ uri: string; content: Uint8Array; blocks: number }> => {
    const content = randomBytes(size);
    const { uri } = await new Inserter(memory, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 0 }).insertFile({
      source: content,
      mime: 'application/octet-stream',
    });
    return { uri: uri.toString(), content, blocks: Math.ceil(size / SHARD_BYTES) };
  };

  it('keeps the recorded part of a download cut short, never under the final name, and the next get fetches only the rest', async () => {
    const { uri, content, blocks } = await insertSegmented(3 * MiB);
    const out = join(dir, 'resume');
    await mkdir(out);
    const output = join(out, 'file.bin');
    const cut = await getThrough(uri, output, 60);
    assert.match((cut.error as Error).message, /are kept: the same warren get resumes from there/);
    assert.deepEqual((await readdir(out)).sort(), ['.file.bin.warren-partial', '.file.bin.warren-resume']);
    const record = JSON.parse(await readFile(join(out, '.file.bin.warren-resume'), 'utf8')) as { bytesDone: number; etag: string };
    assert.ok(record.bytesDone >= RECORD_EVERY_BYTES, `${record.bytesDone} bytes recorded`);
    assert.equal(record.etag, `"${uri}"`);

    const { requests: resumed, result } = await getThrough(uri, output);
    assert.equal(result?.files[0]?.resumedFrom, record.bytesDone);
    assert.ok(Buffer.from(content).equals(await readFile(output)), 'byte for byte');
    assert.deepEqual(await readdir(out), ['file.bin'], 'the partial file and its record are gone');
    // The manifest, then the segment the record ends in and those after it: 6 blocks a segment.
    const segmentsKept = Math.floor(record.bytesDone / (6 * SHARD_BYTES));
    assert.equal(resumed, 1 + blocks - 6 * segmentsKept, `${resumed} blocks asked for the second time, of ${blocks}`);
  });

  it('starts over when the kept bytes changed on disk, or the partial download was of another URI', async () => {
    const first = await insertSegmented(2 * MiB);
    const second = await insertSegmented(2 * MiB);
    const out = join(dir, 'over');
    await mkdir(out);
    const output = join(out, 'file.bin');
    await interrupt(first.uri, output, 50);
    const partial = join(out, '.file.bin.warren-partial');
    const changed = await readFile(partial);
    changed[10] = (changed[10]! + 1) % 256;
    await writeFile(partial, changed);
    const again = await getThrough(first.uri, output);
    assert.equal(again.result?.files[0]?.resumedFrom, undefined, 'not resumed');
    assert.ok(Buffer.from(first.content).equals(await readFile(output)));

    await rm(output);
    await interrupt(first.uri, output, 50);
    const other = await getThrough(second.uri, output);
    assert.equal(other.result?.files[0]?.resumedFrom, undefined, 'not resumed');
    assert.ok(Buffer.from(second.content).equals(await readFile(output)), 'the other URI, whole, not spliced');
    assert.deepEqual(await readdir(out), ['file.bin']);
  });

  it('starts over, never splicing, when a USK has a newer edition than the interrupted get had', async () => {
    const client = new Client({ node: memory }, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 0 });
    const insertUri = new UskInsertUri(randomBytes(32), 'video', 0);
    const [older, newer] = [randomBytes(2 * MiB), randomBytes(2 * MiB)];
    const uri = (await client.publish(insertUri, await client.insertFile(older))).toString();
    const output = join(dir, 'video.bin');
    await interrupt(uri, output, 50);
    await client.publish(insertUri, await client.insertFile(newer));
    const again = await getThrough(uri, output);
    assert.equal(again.result?.files[0]?.edition, 1);
    assert.equal(again.result?.files[0]?.resumedFrom, undefined, 'not resumed');
    assert.ok(Buffer.from(newer).equals(await readFile(output)), 'the newest edition, whole');
  });
});
