import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARD_BYTES } from '../../node/client/segments.js';
import { type LoopbackNetwork, startLoopbackNetwork, warren } from '../support/client-network.js';
import { blocksOfSegment, deleteEverywhere, readManifest } from '../support/node-stores.js';

/*
 * Three real nodes (TCP, Noise, RocksDB). Between the steps the nodes are stopped, blocks are
 * deleted from every store on disk, and the nodes start again from their data directories.
 */
describe('FEC on real nodes: blocks deleted from every store', function () {
  // A hang guard: node processes start slowly on a loaded machine.
  this.timeout(600_000);
  let root: string;
  let network: LoopbackNetwork | undefined;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-client-fec-'));
  });

  after(async () => {
    await network?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('rebuilds a file after a third of its blocks are gone, and says how many are missing when too many are', async () => {
    network = await startLoopbackNetwork(root, 3);
    const { dirs } = network;
    const bytes = randomBytes(20 * SHARD_BYTES + 123); // one segment of 21 data + 21 check blocks
    const source = join(root, 'file.bin');
    await writeFile(source, bytes);
    const put = await warren('put', source, '--data-dir', dirs[1]!, '--json');
    assert.equal(put.code, 0, put.stderr);
    const { uri } = JSON.parse(put.stdout) as { uri: string };
    await network.stop();

    const manifest = await readManifest(dirs, uri);
    const third = manifest.segments.flatMap((segment) => blocksOfSegment(segment).filter((_, index) => index % 3 === 0));
    await deleteEverywhere(dirs, third);

    network = await startLoopbackNetwork(root, 3);
    const copy = join(root, 'copy.bin');
    // Healing off: the second deletion counts on the blocks of the first being still gone.
    const get = await warren('get', uri, '--data-dir', dirs[2]!, '-o', copy, '--no-heal');
    assert.equal(get.code, 0, get.stderr);
    assert.ok(bytes.equals(await readFile(copy)));
    await network.stop();

    await deleteEverywhere(dirs, blocksOfSegment(manifest.segments[0]!).slice(0, 25));
    network = await startLoopbackNetwork(root, 3);
    const failed = await warren('get', uri, '--data-dir', dirs[2]!, '-o', join(root, 'missing.bin'));
    assert.equal(failed.code, 3, failed.stderr);
    // Blocks 0..24 now (16 of them new), and the 14 of the first deletion.
    assert.match(failed.stderr, /segment 0: 30 of 42 blocks are missing; 12 found, 21 needed/);
  });
});
