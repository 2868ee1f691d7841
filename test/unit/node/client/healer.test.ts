import assert from 'node:assert/strict';
import { toHex } from '../../../../protocol/bytes.js';
import { randomBytes } from '../../../../protocol/crypto.js';
import { Client } from '../../../../node/client/client.js';
import { collect } from '../../../../node/client/fetch.js';
import { decodedSegment, HEAL_REBUILDING_SEGMENTS, Healer } from '../../../../node/client/healer.js';
import { encodeChk } from '../../../../protocol/keys/index.js';
import { encodeSegment, SHARD_BYTES, WIDE_FEC_CODE } from '../../../../node/client/segments.js';
import { RouteNotFoundError } from '../../../../node/errors.js';
import { eventually } from '../../../support/until.js';
import { MemoryClientNode } from './support.js';

const redundancy = { dataBlocksPerSegment: 4, checkBlocksPerSegment: 4 };

/** A file of three segments (4 + 2 + 2 data blocks, as many check blocks) in a one-store network, and its blocks by key. */
async function storedFile() {
  const node = new MemoryClientNode();
  const content = randomBytes(8 * SHARD_BYTES - 100);
  const uri = await new Client({ node }, redundancy).insertFile(content);
  const { manifest } = await new Client({ node }).resolveFile(uri);
  const blocks = manifest.segments.flatMap((segment) => [...segment.dataBlocks, ...segment.checkBlocks].map((ref) => toHex(ref.routingKey)));
  return { node, content, uri, manifest, blocks };
}

/** Removes the blocks at `indexes` of the file's list from the store; returns them, by key. */
function lose(node: MemoryClientNode, blocks: readonly string[], indexes: readonly number[]): Map<string, Uint8Array> {
  const lost = new Map<string, Uint8Array>();
  for (const index of indexes) {
    lost.set(blocks[index]!, node.blocks.get(blocks[index]!)!);
    node.blocks.delete(blocks[index]!);
  }
  return lost;
}

describe('Healer', () => {
  it('inserts again, byte for byte, the data and check blocks a fetch had to rebuild, and counts them', async () => {
    const { node, content, uri, manifest, blocks } = await storedFile();
    // Segment 0 (blocks 0..7): data 1 and check 3 gone; segment 1 (blocks 8..13): data 0 gone.
    const lost = lose(node, blocks, [1, 7, 8]);
    const healer = new Healer({ node });
    const session = healer.open();
    const fetched = await collect(new Client({ node, healer }).fetch(uri, { heal: session }), manifest.size);
    assert.deepEqual(fetched, content);
    const counts = await session.settled();
    // Only blocks asked for and not found are rebuilt: check block 3 of segment 0 was never needed.
    assert.deepEqual(counts, { rebuilt: 2, inserted: 2, failed: 0, dropped: 0, mismatched: 0, pending: 0 });
    for (const key of [blocks[1]!, blocks[8]!]) assert.deepEqual(node.blocks.get(key), lost.get(key));
    assert.equal(node.blocks.has(blocks[7]!), false);
    assert.deepEqual(healer.totals, counts);
  });

  it('heals by default when the client has a healer, and not with heal: false', async () => {
    const { node, uri, manifest, blocks } = await storedFile();
    lose(node, blocks, [0]);
    await collect(new Client({ node, healer: new Healer({ node }) }).fetch(uri, { heal: false }), manifest.size);
    assert.equal(node.blocks.has(blocks[0]!), false);
    const healer = new Healer({ node });
    await collect(new Client({ node, healer }).fetch(uri), manifest.size);
    await eventually('the block to be inserted again', () => (node.blocks.has(blocks[0]!) ? true : undefined));
    assert.equal(healer.totals.inserted, 1);
  });

  it('never holds the bytes back: the fetch ends while every healing insert waits', async () => {
    const { node, content, uri, manifest, blocks } = await storedFile();
    lose(node, blocks, [0, 2, 9]);
    let release!: () => void;
    node.gate = new Promise((resolve) => (release = resolve));
    const healer = new Healer({ node });
    const session = healer.open();
    assert.deepEqual(await collect(new Client({ node }).fetch(uri, { heal: session }), manifest.size), content);
    assert.equal(session.status.pending, 3);
    release();
    assert.equal((await session.settled()).inserted, 3);
  });

  it('drops, and counts, what is beyond the cap of one fetch and the cap of the node', async () => {
    const { node, uri, manifest, blocks } = await storedFile();
    lose(node, blocks, [0, 1, 2, 8, 9]);
    node.gate = new Promise(() => undefined); // no insert ends: the node's queue stays full
    const healer = new Healer({ node }, { maxBlocksPerFetch: 4, maxQueuedBlocks: 5 });
    const first = healer.open();
    await collect(new Client({ node }).fetch(uri, { heal: first }), manifest.size);
    assert.deepEqual(first.status, { rebuilt: 5, inserted: 0, failed: 0, dropped: 1, mismatched: 0, pending: 4 });
    const second = healer.open();
    await collect(new Client({ node }).fetch(uri, { heal: second }), manifest.size);
    // The node's queue had room for one more block.
    assert.deepEqual(second.status, { rebuilt: 5, inserted: 0, failed: 0, dropped: 4, mismatched: 0, pending: 1 });
    healer.stop();
    assert.deepEqual(await first.settled(), { rebuilt: 5, inserted: 0, failed: 4, dropped: 1, mismatched: 0, pending: 0 });
    assert.equal((await second.settled()).failed, 1);
    const late = healer.open();
    late.offer(decodedSegment(WIDE_FEC_CODE, manifest.segments[0]!, new Uint8Array(manifest.segments[0]!.dataLength), [0]));
    assert.deepEqual(late.status, { rebuilt: 1, inserted: 0, failed: 0, dropped: 1, mismatched: 0, pending: 0 });
  });

  it('drops the blocks of a segment offered while HEAL_REBUILDING_SEGMENTS segments are being made again', async () => {
    const content = randomBytes(2 * SHARD_BYTES);
    const { ref } = await encodeSegment(content, 2);
    const node = new MemoryClientNode();
    const session = new Healer({ node }).open();
    // Offered in one turn: none of the rebuilds has ended when the last is offered.
    for (let offer = 0; offer <= HEAL_REBUILDING_SEGMENTS; offer++) session.offer(decodedSegment(WIDE_FEC_CODE, ref, content, [2]));
    assert.deepEqual(session.status, { rebuilt: 9, inserted: 0, failed: 0, dropped: 1, mismatched: 0, pending: 8 });
    assert.equal((await session.settled()).inserted, 8);
    session.offer(decodedSegment(WIDE_FEC_CODE, ref, content, [3]));
    assert.equal((await session.settled()).inserted, 9, 'once they are done, a segment is taken again');
  });

  it('counts as failed a block whose insert fails after its tries, and as mismatched one that does not match its key', async () => {
    const content = randomBytes(3 * SHARD_BYTES);
    const { ref } = await encodeSegment(content, 3);
    let tries = 0;
    const failing = { request: () => Promise.reject(new Error('not used')), insert: () => Promise.reject(new RouteNotFoundError(tries++)) };
    const session = new Healer({ node: failing }).open();
    session.offer(decodedSegment(WIDE_FEC_CODE, ref, content, [0, 4]));
    assert.deepEqual(await session.settled(), { rebuilt: 2, inserted: 0, failed: 2, dropped: 0, mismatched: 0, pending: 0 });
    assert.equal(tries, 6, 'three tries each');
    const node = new MemoryClientNode();
    const forged = { ...ref, dataBlocks: [encodeChk(randomBytes(10)), ...ref.dataBlocks.slice(1)] };
    const other = new Healer({ node }).open();
    other.offer(decodedSegment(WIDE_FEC_CODE, forged, content, [0, 1]));
    assert.deepEqual(await other.settled(), { rebuilt: 2, inserted: 1, failed: 0, dropped: 0, mismatched: 1, pending: 0 });
    assert.deepEqual([...node.blocks.keys()], [toHex(ref.dataBlocks[1]!.routingKey)]);
  });

  it("lets one fetch lower its own cap, never raise it above the healer's", async () => {
    const content = randomBytes(4 * SHARD_BYTES);
    const { ref } = await encodeSegment(content, 4);
    const node = new MemoryClientNode();
    const healer = new Healer({ node }, { maxBlocksPerFetch: 3 });
    const lowered = healer.open(undefined, { maxBlocks: 2 });
    lowered.offer(decodedSegment(WIDE_FEC_CODE, ref, content, [0, 1, 2, 3]));
    assert.deepEqual(await lowered.settled(), { rebuilt: 4, inserted: 2, failed: 0, dropped: 2, mismatched: 0, pending: 0 });
    const raised = healer.open(undefined, { maxBlocks: 100 });
    raised.offer(decodedSegment(WIDE_FEC_CODE, ref, content, [0, 1, 2, 3]));
    assert.deepEqual(await raised.settled(), { rebuilt: 4, inserted: 3, failed: 0, dropped: 1, mismatched: 0, pending: 0 });
    assert.throws(() => healer.open(undefined, { maxBlocks: 0 }), RangeError);
  });

  it('refuses caps that are not whole numbers ≥ 1', () => {
    const node = new MemoryClientNode();
    assert.throws(() => new Healer({ node }, { maxQueuedBlocks: 0 }), RangeError);
    assert.throws(() => new Healer({ node }, { maxBlocksPerFetch: 1.5 }), RangeError);
    assert.throws(() => new Healer({ node }, { parallel: -1 }), RangeError);
  });
});
