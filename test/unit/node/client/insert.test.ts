import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { InvalidMimeError } from '../../../../node/client/errors.js';
import { Inserter } from '../../../../node/client/insert.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';
import type { ClientNode } from '../../../../node/client/types.js';
import { RouteNotFoundError } from '../../../../node/errors.js';
import { randomBytes } from '../../../../protocol/crypto.js';

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

  it('stops reading at the first block that fails: a node with no peers costs a segment or two of the upload, not all of it', async () => {
    const { source, read } = countedSource(10_000, SHARD_BYTES);
    const inserter = new Inserter(lonelyNode, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 6 }, { window: 32 });
    await assert.rejects(inserter.insertFile({ source, mime: 'application/octet-stream' }), RouteNotFoundError);
    assert.ok(read.chunks <= 3 * 6, `${read.chunks} of 10,000 chunks read`);
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
