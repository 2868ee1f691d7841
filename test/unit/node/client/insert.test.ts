import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import fc from 'fast-check';
import { InvalidMimeError } from '../../../../node/client/errors.js';
import { Inserter } from '../../../../node/client/insert.js';
import { fetchLayout, fetchManifest } from '../../../../node/client/fetch.js';
import { SHARD_BYTES, segmentCount, segmentDataBlocks, shardCount } from '../../../../node/client/segments.js';
import type { ClientNode } from '../../../../node/client/types.js';
import { OverloadedError, RequestTimeoutError, RouteNotFoundError } from '../../../../node/errors.js';
import { toHex } from '../../../../protocol/bytes.js';
import { randomBytes } from '../../../../protocol/crypto.js';
import { MemoryClientNode } from './support.js';

/** A node whose first insert hangs until released; every other insert succeeds at once. */
function stragglingNode() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const node: ClientNode = {
    request: () => Promise.reject(new Error('not used')),
    insert: async () => {
      if (calls++ === 0) await held;
    },
  };
  return { node, release, calls: () => calls };
}

/** A source of `chunks` chunks of `size` bytes that counts those read; after `stallAfter` chunks it waits forever. */
function countedSource(chunks: number, size: number, stallAfter = Number.POSITIVE_INFINITY) {
  const read = { chunks: 0 };
  const chunk = new Uint8Array(size);
  async function* source(): AsyncGenerator<Uint8Array> {
    for (; read.chunks < chunks; read.chunks++) {
      if (read.chunks >= stallAfter) await new Promise(() => undefined);
      yield chunk;
    }
  }
  return { source: source(), read };
}

/** A node with no peers: every insert fails at once, for a reason that will not go away. */
const lonelyNode: ClientNode = {
  request: () => Promise.reject(new Error('not used')),
  insert: () => Promise.reject(new RouteNotFoundError(18)),
};

describe('node/client/insert', () => {
  it('keeps the window busy past a straggler: later segments go in while the first block hangs', async () => {
    const { node, release, calls } = stragglingNode();
    let inserted = 0;
    const inserter = new Inserter(
      node,
      { dataBlocksPerSegment: 1, checkBlocksPerSegment: 0 },
      { window: 4, onProgress: (event) => event.type === 'blockInserted' && inserted++ },
    );
    const segments = 20;
    const done = inserter.insertFile({ source: randomBytes(segments * SHARD_BYTES), mime: 'application/octet-stream' });
    while (inserted < segments - 1) await nextTurn();
    assert.equal(calls(), segments, 'every segment was read and handed to the node while the first block hung');
    release();
    const { size } = await done;
    assert.equal(size, segments * SHARD_BYTES);
    assert.equal(inserted, segments + 1, 'every block and the manifest');
  });

  it('never holds more than the window and one more segment of blocks not yet inserted', async () => {
    let active = 0;
    let most = 0;
    const node: ClientNode = {
      request: () => Promise.reject(new Error('not used')),
      insert: async () => {
        most = Math.max(most, ++active);
        await new Promise((resolve) => setTimeout(resolve, 1));
        active--;
      },
    };
    let encoded = 0;
    let inserted = 0;
    let held = 0;
    const inserter = new Inserter(
      node,
      { dataBlocksPerSegment: 3, checkBlocksPerSegment: 2 },
      {
        window: 8,
        onProgress: (event) => {
          if (event.type === 'segmentEncoded') encoded += event.blocks;
          if (event.type === 'blockInserted') inserted = event.inserted;
          held = Math.max(held, encoded - inserted);
        },
      },
    );
    await inserter.insertFile({ source: randomBytes(30 * 3 * SHARD_BYTES), mime: 'application/octet-stream' });
    // At most the window in flight; how full it gets depends on how fast this machine encodes.
    assert.ok(most >= 1 && most <= 8, `${most} inserts in flight`);
    assert.ok(held <= 8 + 5, `${held} blocks encoded and not yet inserted`);
  });

  it('lays out any content read in any chunks as spec/client.md §2 says, the last two segments sharing the rest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 * SHARD_BYTES }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.integer({ min: 1, max: 3 * SHARD_BYTES }), { minLength: 1, maxLength: 8 }),
        async (size, k, m, chunkSizes) => {
          const blocks = new Map<string, Uint8Array>();
          const node: ClientNode = {
            insert: async (routingKey, block) => void blocks.set(toHex(routingKey), block),
            request: async (routingKey) => blocks.get(toHex(routingKey)) ?? Promise.reject(new Error('not inserted')),
          };
          const content = randomBytes(size);
          async function* chunks(): AsyncGenerator<Uint8Array> {
            for (let offset = 0, next = 0; offset < size; offset += chunkSizes[next++ % chunkSizes.length]!) {
              yield content.subarray(offset, offset + chunkSizes[next % chunkSizes.length]!);
            }
          }
          const { uri } = await new Inserter(node, { dataBlocksPerSegment: k, checkBlocksPerSegment: m }).insertFile({
            source: chunks(),
            mime: 'application/octet-stream',
          });
          // decodeManifest refuses any other layout; fetching it checks every block and the content hash.
          const manifest = await fetchManifest(node, uri);
          assert.ok(manifest.kind === 'file');
          const n = shardCount(size);
          assert.deepEqual(
            manifest.segments.map((segment) => segment.dataBlocks.length),
            Array.from({ length: segmentCount(n, k) }, (_, index) => segmentDataBlocks(n, k, index)),
          );
          const fetched: Uint8Array[] = [];
          for await (const chunk of fetchLayout(node, manifest)) fetched.push(chunk);
          assert.deepEqual(Buffer.concat(fetched), Buffer.from(content));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('tells the node that it made every block it inserts (so the node need not hash them again), and each claim holds', async () => {
    const node = new MemoryClientNode();
    async function* source(): AsyncGenerator<Uint8Array> {
      yield randomBytes(7 * SHARD_BYTES + 5);
    }
    await new Inserter(node, { dataBlocksPerSegment: 4, checkBlocksPerSegment: 4 }).insertFile({ source: source(), mime: 'application/octet-stream' });
    assert.ok(node.blocks.size > 8);
    assert.equal(node.made, node.blocks.size);
  });

  it('stops reading at the first block that fails: a node with no peers costs a few segments of the upload, not all of it', async () => {
    const { source, read } = countedSource(10_000, SHARD_BYTES);
    const inserter = new Inserter(lonelyNode, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 6 }, { window: 32 });
    await assert.rejects(inserter.insertFile({ source, mime: 'application/octet-stream' }), RouteNotFoundError);
    // Two segments held back, one encoding, and the first byte of the next, at most, before the first failure shows.
    assert.ok(read.chunks <= 4 * 6, `${read.chunks} of 10,000 chunks read`);
  });

  it('tries a block again after a route, timeout or overload failure, up to three tries, and no other failure', async () => {
    const tries = new Map<string, number>();
    const failing = (failures: number, error: () => Error): ClientNode => ({
      request: () => Promise.reject(new Error('not used')),
      insert: async (routingKey) => {
        const key = toHex(routingKey);
        const tried = (tries.get(key) ?? 0) + 1;
        tries.set(key, tried);
        if (tried <= failures) throw error();
      },
    });
    const content = randomBytes(3 * SHARD_BYTES);
    const redundancy = { dataBlocksPerSegment: 3, checkBlocksPerSegment: 3 };
    const insertWith = (node: ClientNode) => new Inserter(node, redundancy).insertFile({ source: content, mime: 'application/octet-stream' });

    await insertWith(failing(2, () => new RouteNotFoundError(18)));
    assert.deepEqual(new Set(tries.values()), new Set([3]), 'every block went in at its third try');
    for (const error of [() => new RequestTimeoutError(60_000), () => new OverloadedError()]) {
      tries.clear();
      await insertWith(failing(1, error));
      assert.deepEqual(new Set(tries.values()), new Set([2]));
    }
    tries.clear();
    await assert.rejects(insertWith(failing(3, () => new RouteNotFoundError(18))), RouteNotFoundError);
    assert.ok(Math.max(...tries.values()) === 3, 'no block was tried a fourth time');
    tries.clear();
    await assert.rejects(insertWith(failing(1, () => new Error('disk on fire'))), /disk on fire/);
    assert.ok(Math.max(...tries.values()) === 1, 'another failure is not tried again');
  });

  it('fails at once when a block fails while the source is waiting for its next chunk', async () => {
    // Two segments are held back (the last two share the rest): the 13th chunk sends the first segment.
    const { source } = countedSource(10_000, SHARD_BYTES, 13);
    const inserter = new Inserter(lonelyNode, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 0 });
    await assert.rejects(inserter.insertFile({ source, mime: 'application/octet-stream' }), RouteNotFoundError);
  });

  it('refuses a MIME type a manifest may not hold before reading anything', async () => {
    const { source, read } = countedSource(10, 1);
    const inserter = new Inserter(lonelyNode, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 6 });
    await assert.rejects(inserter.insertFile({ source, mime: 'text/plain\r\nSet-Cookie: x' }), InvalidMimeError);
    assert.equal(read.chunks, 0);
  });
});
