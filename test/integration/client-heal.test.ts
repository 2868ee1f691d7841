import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../protocol/bytes.js';
import { fetchStatus } from '../../node/app/api/client.js';
import { localEndpoint } from '../../node/app/cli/endpoint.js';
import type { FileManifest } from '../../node/client/manifest.js';
import { SHARD_BYTES } from '../../node/client/segments.js';
import { type LoopbackNetwork, startLoopbackNetwork, warren } from '../support/client-network.js';
import { blocksOfSegment, deleteEverywhere, presentAnywhere, readManifest } from '../support/node-stores.js';
import { eventually } from '../support/until.js';

/** A seeded choice of `fraction` of each segment's blocks (Fisher–Yates on a small LCG): the same blocks every run. */
function seededShare(manifest: FileManifest, fraction: number, seed: number): Uint8Array[] {
  let state = seed;
  const next = (bound: number): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % bound;
  };
  return manifest.segments.flatMap((segment) => {
    const blocks = blocksOfSegment(segment);
    for (let index = blocks.length - 1; index > 0; index--) {
      const other = next(index + 1);
      [blocks[index], blocks[other]] = [blocks[other]!, blocks[index]!];
    }
    return blocks.slice(0, Math.floor(blocks.length * fraction));
  });
}

/**
 * Three real nodes (TCP, Noise, RocksDB). A file of three segments (k = m = 16) loses 30 % of the blocks
 * of each segment from every store; a `warren get` rebuilds them, and the node inserts them again.
 */
describe('healing and reinsert on real nodes: blocks deleted from every store', function () {
  // A hang guard: node processes start slowly on a loaded machine.
  this.timeout(600_000);
  let root: string;
  let network: LoopbackNetwork | undefined;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-client-heal-'));
  });

  afterEach(async () => {
    await network?.stop();
    network = undefined;
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Puts a file of 40 data blocks (segments of 16, 12 and 12) through node 1; its bytes, URI and manifest. */
  async function putFile(name: string) {
    network = await startLoopbackNetwork(join(root, name), 3);
    const { dirs } = network;
    const bytes = randomBytes(40 * SHARD_BYTES - 1000);
    const source = join(root, `${name}.bin`);
    await writeFile(source, bytes);
    const put = await warren('put', source, '--data-dir', dirs[1]!, '--data-blocks', '16', '--check-blocks', '16', '--json');
    assert.equal(put.code, 0, put.stderr);
    const { uri } = JSON.parse(put.stdout) as { uri: string };
    await network.stop();
    const manifest = await readManifest(dirs, uri);
    assert.equal(manifest.segments.length, 3);
    return { dirs, bytes, uri, manifest };
  }

  it('fetches the file byte-identical after 30 % of its blocks are gone, and the blocks it rebuilt are back in the stores', async () => {
    const { dirs, bytes, uri, manifest } = await putFile('heal');
    const lost = seededShare(manifest, 0.3, 15);
    await deleteEverywhere(dirs, lost);
    assert.equal((await presentAnywhere(dirs, lost)).length, 0);

    network = await startLoopbackNetwork(join(root, 'heal'), 3);
    const copy = join(root, 'heal-copy.bin');
    const get = await warren('get', uri, '--data-dir', dirs[2]!, '-o', copy, '--json');
    assert.equal(get.code, 0, get.stderr);
    assert.ok(bytes.equals(await readFile(copy)));
    const [file] = (JSON.parse(get.stdout) as { files: Array<{ healing?: Record<string, number> }> }).files;
    const healing = file!.healing!;
    assert.ok(healing.rebuilt! > 0, JSON.stringify(healing));
    assert.deepEqual(healing, { rebuilt: healing.rebuilt, inserted: healing.rebuilt, failed: 0, dropped: 0, mismatched: 0, pending: 0 });
    // The node's totals agree, and nothing is left to insert.
    const endpoint = await localEndpoint(dirs[2]);
    const totals = await eventually('healing to be done', async () => {
      const { healing: now } = await fetchStatus(endpoint);
      return now !== undefined && now.pending === 0 ? now : undefined;
    });
    assert.equal(totals.inserted, healing.inserted);

    // A second fetch, through another node: every block it asks for (the data blocks) is found now.
    const again = await warren('get', uri, '--data-dir', dirs[1]!, '-o', join(root, 'heal-again.bin'), '--json');
    assert.equal(again.code, 0, again.stderr);
    const [second] = (JSON.parse(again.stdout) as { files: Array<{ healing?: Record<string, number> }> }).files;
    assert.equal(second!.healing!.rebuilt, 0);
    await network.stop();
    network = undefined;

    // Counted in the stores themselves: exactly the blocks rebuilt are there again, the rest still gone.
    const back = await presentAnywhere(dirs, lost);
    assert.equal(back.length, healing.inserted, `${back.length} of the ${lost.length} deleted blocks are back`);
  });

  it('warren reinsert puts every block of the file back, the deleted ones too, and counts them', async () => {
    const { dirs, uri, manifest } = await putFile('reinsert');
    const lost = seededShare(manifest, 0.3, 16);
    await deleteEverywhere(dirs, lost);

    network = await startLoopbackNetwork(join(root, 'reinsert'), 3);
    const run = await warren('reinsert', uri, '--data-dir', dirs[1]!, '--json');
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { blocks: number; inserted: number; failed: number; mismatched: number };
    const fileBlocks = manifest.segments.reduce((sum, segment) => sum + blocksOfSegment(segment).length, 0);
    assert.deepEqual(answer, { uri, blocks: fileBlocks + 1, inserted: fileBlocks + 1, failed: 0, mismatched: 0 });
    await network.stop();
    network = undefined;

    const back = await presentAnywhere(dirs, lost);
    assert.deepEqual(back.map(toHex).sort(), lost.map(toHex).sort());
  });
});
