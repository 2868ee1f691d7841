import assert from 'node:assert/strict';
import { toHex } from '../../../../protocol/bytes.js';
import { randomBytes } from '../../../../protocol/crypto.js';
import { Client } from '../../../../node/client/client.js';
import { WrongKindError } from '../../../../node/client/errors.js';
import { fetchBlock } from '../../../../node/client/fetch.js';
import { Inserter } from '../../../../node/client/insert.js';
import { decodeManifest, type Layout } from '../../../../node/client/manifest.js';
import { reinsertFile } from '../../../../node/client/reinsert.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';
import { RouteNotFoundError } from '../../../../node/errors.js';
import { MemoryClientNode } from './support.js';

const keysOf = (layout: Layout): string[] =>
  layout.segments.flatMap((segment) => [...segment.dataBlocks, ...segment.checkBlocks].map((ref) => toHex(ref.routingKey)));

/** Counts the node's inserts; those of `refused` keys fail for a route. */
function counting(node: MemoryClientNode, refused: ReadonlySet<string> = new Set()): { inserts: string[] } {
  const seen = { inserts: [] as string[] };
  const insert = node.insert.bind(node);
  node.insert = (routingKey, block, options) => {
    seen.inserts.push(toHex(routingKey));
    return refused.has(toHex(routingKey)) ? Promise.reject(new RouteNotFoundError(0)) : insert(routingKey, block, options);
  };
  return seen;
}

describe('reinsertFile', () => {
  it('inserts every block of a file whose manifest is split — its manifest blocks too — the lost ones among them', async function () {
    this.timeout(60_000);
    const node = new MemoryClientNode();
    // 130 segments of 2 + 2 blocks: the manifest outgrows a block and is split (in segments of 2 + 2 too).
    const uri = await new Client({ node }, { dataBlocksPerSegment: 2, checkBlocksPerSegment: 2 }).insertFile(randomBytes(260 * SHARD_BYTES));
    const split = decodeManifest(await fetchBlock(node, uri));
    assert.equal(split.kind, 'split');
    const { manifest } = await new Client({ node }).resolveFile(uri);
    const all = [toHex(uri.routingKey), ...keysOf(split as Layout), ...keysOf(manifest)];
    const lost = [all[1]!, all.at(-1)!, all.at(-4)!];
    for (const key of lost) node.blocks.delete(key);
    const seen = counting(node);
    const counts = await reinsertFile(node, uri);
    assert.deepEqual(counts, { blocks: all.length, inserted: all.length, failed: 0, mismatched: 0 });
    assert.deepEqual(seen.inserts.sort(), [...all].sort(), 'each block once');
    assert.ok(lost.every((key) => node.blocks.has(key)));
  });

  it('counts a block whose insert fails and goes on; a block that does not match its key is counted, never inserted', async () => {
    const node = new MemoryClientNode();
    const client = new Client({ node }, { dataBlocksPerSegment: 2, checkBlocksPerSegment: 2 });
    const { manifest } = await client.resolveFile(await client.insertFile(randomBytes(4 * SHARD_BYTES)));
    // A manifest whose first check block names a block of another content: no fetch needs it, a re-insert would make another.
    const other = manifest.segments[1]!.checkBlocks[1]!;
    const forged = {
      ...manifest,
      segments: [{ ...manifest.segments[0]!, checkBlocks: [other, manifest.segments[0]!.checkBlocks[1]!] }, manifest.segments[1]!],
    };
    const uri = await new Inserter(node, { dataBlocksPerSegment: 2, checkBlocksPerSegment: 2 }).insertManifest(forged);
    const refused = keysOf(manifest)[1]!;
    const seen = counting(node, new Set([refused]));
    const counts = await reinsertFile(node, uri);
    assert.deepEqual(counts, { blocks: 9, inserted: 7, failed: 1, mismatched: 1 });
    assert.equal(seen.inserts.filter((key) => key === refused).length, 3, 'three tries');
    assert.equal(seen.inserts.filter((key) => key === toHex(other.routingKey)).length, 1, 'the block named twice goes in once, for its own place');
  });

  it('refuses a directory before inserting anything', async () => {
    const node = new MemoryClientNode();
    const client = new Client({ node });
    const file = await client.insertFile(randomBytes(10));
    const directory = await client.insertDirectoryOf([{ path: 'a.bin', uri: file, mime: 'application/octet-stream', size: 10 }]);
    const seen = counting(node);
    await assert.rejects(reinsertFile(node, directory), WrongKindError);
    assert.deepEqual(seen.inserts, []);
  });
});
