import assert from 'node:assert/strict';
import { Outbox } from '../../../node/outbox.js';
import type { SendQueue, Transport } from '../../../node/transport.js';
import type { Envelope } from '../../../protocol/wire/messages.js';

/** A transport whose queue for peer `p` is set by hand; `sent` records what it accepted. */
function fakeTransport() {
  const state = { queue: { queuedBytes: 0, maxBytes: 100 } as SendQueue | undefined, sent: [] as bigint[] };
  const transport: Transport = {
    addresses: [],
    start: async () => undefined,
    stop: async () => undefined,
    dial: async () => { throw new Error('not used'); },
    send: (_peer, envelope) => (state.queue === undefined ? false : (state.sent.push(envelope.tx), true)),
    sendQueue: () => state.queue,
    disconnect: () => undefined,
  };
  return { transport, state };
}

const pong = (tx: bigint): Envelope => ({ tx, body: { type: 'pong' } });

describe('Outbox', () => {
  it('sends at once while the queue is at most half full', () => {
    const { transport, state } = fakeTransport();
    const outbox = new Outbox({ transport });
    state.queue = { queuedBytes: 50, maxBytes: 100 };
    assert.equal(outbox.send('p', pong(1n)), true);
    assert.deepEqual(state.sent, [1n]);
    assert.equal(outbox.queued, 0);
  });

  it('holds replies past half the queue and sends them in order once it drains', () => {
    const { transport, state } = fakeTransport();
    const outbox = new Outbox({ transport });
    state.queue = { queuedBytes: 51, maxBytes: 100 };
    assert.equal(outbox.send('p', pong(1n)), true);
    assert.equal(outbox.send('p', pong(2n)), true);
    assert.deepEqual(state.sent, []);
    assert.equal(outbox.queued, 2);
    state.queue = { queuedBytes: 0, maxBytes: 100 };
    // Even with room, a new reply goes after those waiting.
    assert.equal(outbox.send('p', pong(3n)), true);
    assert.deepEqual(state.sent, [1n, 2n, 3n]);
    assert.equal(outbox.queued, 0);
  });

  it('drops replies beyond the per-peer and overall bounds', () => {
    const { transport, state } = fakeTransport();
    const outbox = new Outbox({ transport }, { maxQueuedRepliesPerPeer: 2, maxQueuedReplies: 3 });
    state.queue = { queuedBytes: 90, maxBytes: 100 };
    assert.deepEqual([1n, 2n, 3n].map((tx) => outbox.send('p', pong(tx))), [true, true, false]);
    assert.deepEqual([4n, 5n].map((tx) => outbox.send('q', pong(tx))), [true, false]);
    assert.equal(outbox.queued, 3);
    assert.equal(outbox.dropped, 2);
  });

  it('refuses a peer that is not connected and forgets one that leaves', () => {
    const { transport, state } = fakeTransport();
    const outbox = new Outbox({ transport });
    state.queue = { queuedBytes: 90, maxBytes: 100 };
    outbox.send('p', pong(1n));
    outbox.peerDisconnected('p');
    assert.equal(outbox.queued, 0);
    state.queue = undefined;
    assert.equal(outbox.send('p', pong(2n)), false);
    assert.equal(outbox.dropped, 0);
  });

  it('refuses bounds below one', () => {
    const { transport } = fakeTransport();
    assert.throws(() => new Outbox({ transport }, { maxQueuedRepliesPerPeer: 0 }), RangeError);
  });
});
