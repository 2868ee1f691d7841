import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../../node/client/client.js';
import { DataNotFoundError } from '../../node/errors.js';
import { SHARD_BYTES } from '../../node/client/segments.js';
import { RocksBlockStore } from '../../store/rocks-block-store.js';
import { type LoopbackNetwork, startLoopbackNetwork, warren } from '../support/client-network.js';

/** The stores of stopped nodes, opened straight from their data directories. */
async function openStores(dirs: readonly string[]): Promise<RocksBlockStore[]> {
  return Promise.all(dirs.map((dir) => RocksBlockStore.open({}, { path: join(dir, 'store'), nodeLocation: 0, cryptoWorkers: 0 })));
}

/** A client that reads blocks from the stores themselves: it finds the file's manifest while the nodes are down. */
function storeReader(stores: readonly RocksBlockStore[]): Client {
  return new Client({
    node: {
      async request(routingKey) {
        for (const store of stores) {
          const block = await store.get(routingKey);
          if (block !== undefined) return block;
        }
        throw new DataNotFoundError(0);
      },
      insert: () => Promise.reject(new Error('read only')),
    },
  });
}

async function deleteEverywhere(dirs: readonly string[], routingKeys: readonly Uint8Array[]): Promise<void> {
  const stores = await openStores(dirs);
  try {
    for (const store of stores) for (const key of routingKeys) await store.delete(key);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

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

    const stores = await openStores(dirs);
    const { manifest } = await storeReader(stores)
      .resolveFile(uri)
      .finally(() => Promise.all(stores.map((store) => store.close())));
    const blocksOf = (segment: (typeof manifest.segments)[number]) => [...segment.dataBlocks, ...segment.checkBlocks].map((block) => block.routingKey);
    const third = manifest.segments.flatMap((segment) => blocksOf(segment).filter((_, index) => index % 3 === 0));
    await deleteEverywhere(dirs, third);

    network = await startLoopbackNetwork(root, 3);
    const copy = join(root, 'copy.bin');
    const get = await warren('get', uri, '--data-dir', dirs[2]!, '-o', copy);
    assert.equal(get.code, 0, get.stderr);
    assert.ok(bytes.equals(await readFile(copy)));
    await network.stop();

    await deleteEverywhere(dirs, blocksOf(manifest.segments[0]!).slice(0, 25));
    network = await startLoopbackNetwork(root, 3);
    const failed = await warren('get', uri, '--data-dir', dirs[2]!, '-o', join(root, 'missing.bin'));
    assert.equal(failed.code, 3, failed.stderr);
    // Blocks 0..24 now (16 of them new), and the 14 of the first deletion.
    assert.match(failed.stderr, /segment 0: 30 of 42 blocks are missing; 12 found, 21 needed/);
  });
});
