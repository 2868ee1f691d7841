import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inserter } from '../../../../node/client/insert.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';
import type { ClientNode } from '../../../../node/client/types.js';
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

describe('node/client/insert', () => {
  it('keeps the window busy past a straggler: later segments go in while the first block hangs', async () => {
    const { node, release, calls } = stragglingNode();
    let inserted = 0;
    const inserter = new Inserter(node, { dataBlocksPerSegment: 1, checkBlocksPerSegment: 0 }, { window: 4, onProgress: (event) => event.type === 'blockInserted' && inserted++ });
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
    const inserter = new Inserter(node, { dataBlocksPerSegment: 3, checkBlocksPerSegment: 2 }, {
      window: 8,
      onProgress: (event) => {
        if (event.type === 'segmentEncoded') encoded += event.blocks;
        if (event.type === 'blockInserted') inserted = event.inserted;
        held = Math.max(held, encoded - inserted);
      },
    });
    await inserter.insertFile({ source: randomBytes(30 * 3 * SHARD_BYTES), mime: 'application/octet-stream' });
    assert.equal(most, 8);
    assert.ok(held <= 8 + 5, `${held} blocks encoded and not yet inserted`);
  });
});
