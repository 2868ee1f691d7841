/**
 * Replies paced by the send queue over real TCP (spec/routing.md §8.4): a peer asking for many
 * blocks at once gets every one and stays connected; a peer that stops reading costs bounded memory
 * and is disconnected as a slow reader once its queue has stayed full for the slow-reader timeout.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { toHex } from '../../protocol/bytes.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { encodeChk } from '../../protocol/keys/chk.js';
import { MAX_BLOCK_BYTES } from '../../protocol/wire/index.js';
import { DIFFICULTY, type RealNode, startNode } from '../support/flood-setup.js';
import { rawDial, type RawPeer } from '../support/tcp-raw-peer.js';
import { useTeardown } from '../support/teardown.js';
import { HANG_GUARD_MS, until } from '../support/until.js';

const BLOCKS = 256;
/** Long enough that a loaded machine fills and drains the stalled peer's backlog well within it (second test). */
const SLOW_READER_TIMEOUT_MS = 5_000;

describe('backpressure over TCP (real node)', function () {
  // A hang guard: a loaded machine takes longer.
  this.timeout(120_000);
  let holder: RealNode;
  let keys: Uint8Array[];
  const peers: RawPeer[] = [];
  /** The peer that stopped reading, once the second test has made it. */
  let stalledId = '';
  const defer = useTeardown('all');

  before(async () => {
    holder = await startNode({ slowReaderTimeoutMs: SLOW_READER_TIMEOUT_MS });
    defer(() => holder.node.stop());
    const chks = Array.from({ length: BLOCKS }, (_, index) => encodeChk(new TextEncoder().encode(`backpressure ${index} `.repeat(1000))));
    for (const { routingKey, block } of chks) await holder.store.put(routingKey, block, { partition: 'store' });
    keys = chks.map(({ routingKey }) => routingKey);
  });

  /** A raw peer linked to the holder, verified on both sides. */
  async function linkedPeer(): Promise<{ raw: RawPeer; id: string }> {
    const identity = await mintIdentity({ difficulty: DIFFICULTY });
    const raw = await rawDial(identity, holder.transport.addresses[0]!);
    peers.push(raw);
    defer(() => raw.abort());
    raw.sendHello(identity);
    const id = toHex(identity.publicKey);
    await until(() => holder.node.peers.get(id) !== undefined, 'the raw peer link');
    return { raw, id };
  }

  function ask(raw: RawPeer, count: number, firstTx: bigint): void {
    for (let i = 0; i < count; i++) {
      raw.send({ tx: firstTx + BigInt(i), body: { type: 'dataRequest', keyType: 'chk', routingKey: keys[i % BLOCKS]!, htl: 10 } });
    }
  }

  it('answers 128 block requests sent at once (4 MiB, four times the send queue) without disconnecting', async () => {
    const { raw, id } = await linkedPeer();
    const droppedBefore = holder.node.outbox.dropped;
    ask(raw, 128, 1_000n);
    await until(() => raw.received.filter(({ body }) => body.type === 'dataFound').length === 128 || raw.isClosed, '128 DataFound');
    assert.equal(raw.isClosed, false, 'the holder disconnected an honest peer');
    assert.ok(holder.node.peers.get(id) !== undefined);
    const found = raw.received.filter(({ body }) => body.type === 'dataFound');
    assert.deepEqual(new Set(found.map(({ tx }) => tx)).size, 128);
    for (const { body } of found) assert.equal(body.type === 'dataFound' && body.block.length, MAX_BLOCK_BYTES);
    assert.equal(holder.node.outbox.dropped, droppedBefore);
    assert.equal(holder.node.outbox.queued, 0);
  });

  it('holds a bounded backlog for a peer that stops reading, dropping replies beyond it', async () => {
    const { raw, id } = await linkedPeer();
    stalledId = id;
    raw.connection.pause();
    // As many requests as its share of the route table admits at once (spec/routing.md §8): every one
    // is answered from the store, and each reply is written, waits, or is dropped.
    const asked = holder.node.load.shareOf(id);
    ask(raw, asked, 10_000n);
    const maxQueueBytes = holder.transport.sendQueue(id)!.maxBytes;
    let peakWaiting = 0;
    let peakQueued = 0;
    await until(() => {
      peakWaiting = Math.max(peakWaiting, holder.node.outbox.queued);
      peakQueued = Math.max(peakQueued, holder.transport.sendQueue(id)?.queuedBytes ?? 0);
      return holder.node.outbox.dropped > 0 && holder.node.load.heldBy(id) === 0;
    }, 'replies beyond the backlog to be dropped');
    await sleep(50);
    const queue = holder.transport.sendQueue(id);
    console.log(
      `      stalled peer: ${holder.node.outbox.queued} replies waiting (peak ${peakWaiting}), ` +
        `${queue?.queuedBytes ?? 0} bytes queued on the link (peak ${peakQueued} of ${maxQueueBytes}), ${holder.node.outbox.dropped} dropped`,
    );
    assert.ok(peakWaiting <= 128, `${peakWaiting} replies waited`);
    assert.ok(peakQueued <= maxQueueBytes / 2 + MAX_BLOCK_BYTES + 64, `${peakQueued} bytes queued`);
    assert.ok(holder.node.outbox.dropped >= asked - 128 - 48, `only ${holder.node.outbox.dropped} of ${asked} dropped`);
  });

  it('disconnects the stalled peer as a slow reader after the timeout, and forgets its backlog', async () => {
    const stalled = peers.at(-1)!;
    await sleep(SLOW_READER_TIMEOUT_MS + 100);
    // The timeout is checked when something more is sent, and loopback's socket buffers may have taken in
    // the backlog meanwhile (the reader's kernel grows its window): the peer goes on asking, within its
    // share, until its queue has stayed more than half full for the timeout and it is disconnected.
    const deadline = performance.now() + HANG_GUARD_MS;
    for (let tx = 100_000n; holder.node.peers.get(stalledId) !== undefined; tx += 1_000n) {
      assert.ok(performance.now() < deadline, 'the stalled peer was never disconnected');
      ask(stalled, Math.max(1, holder.node.load.shareOf(stalledId) - holder.node.load.heldBy(stalledId)), tx);
      await sleep(500);
    }
    await until(() => holder.node.outbox.queued === 0 && holder.node.peers.size === 1, 'its backlog forgotten');
  });
});
