import assert from 'node:assert/strict';
import { silentLogger } from '../../../node/components.js';
import { Outbox, type OutboxInit } from '../../../node/outbox.js';
import type { SendQueue, Transport } from '../../../node/transport.js';
import type { Envelope } from '../../../protocol/wire/messages.js';
import { ManualClock } from '../../support/manual-clock.js';

/** An outbox over a transport whose queue is set by hand; `sent` records what it accepted, `disconnected` why it dropped peers. */
function open(init: OutboxInit = {}) {
  const state = { queue: { queuedBytes: 0, maxBytes: 100 } as SendQueue | undefined, sent: [] as bigint[], disconnected: [] as string[] };
  const transport: Transport = {
    addresses: [],
    start: async () => undefined,
    stop: async () => undefined,
    dial: async () => {
      throw new Error('not used');
    },
    send: (_peer, envelope) => {
      if (state.queue === undefined) return false;
      state.sent.push(envelope.tx);
      return true;
    },
    sendQueue: () => state.queue,
    disconnect: (_peer, reason) => state.disconnected.push(reason),
  };
  const clock = new ManualClock();
  return { outbox: new Outbox({ transport, clock, logger: silentLogger }, init), state, clock };
}

const pong = (tx: bigint): Envelope => ({ tx, body: { type: 'pong' } });

describe('Outbox', () => {
  it('sends at once while the queue is at most half full', () => {
    const { outbox, state } = open();
    state.queue = { queuedBytes: 50, maxBytes: 100 };
    assert.equal(outbox.send('p', pong(1n)), true);
    assert.deepEqual(state.sent, [1n]);
    assert.equal(outbox.queued, 0);
  });

  it('holds replies past half the queue and sends them in order once it drains', () => {
    const { outbox, state } = open();
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
    const { outbox, state } = open({ maxQueuedRepliesPerPeer: 2, maxQueuedReplies: 3 });
    state.queue = { queuedBytes: 90, maxBytes: 100 };
    assert.deepEqual(
      [1n, 2n, 3n].map((tx) => outbox.send('p', pong(tx))),
      [true, true, false],
    );
    assert.deepEqual(
      [4n, 5n].map((tx) => outbox.send('q', pong(tx))),
      [true, false],
    );
    assert.equal(outbox.queued, 3);
    assert.equal(outbox.dropped, 2);
  });

  it('refuses a peer that is not connected and forgets one that leaves', () => {
    const { outbox, state } = open();
    state.queue = { queuedBytes: 90, maxBytes: 100 };
    outbox.send('p', pong(1n));
    outbox.peerDisconnected('p');
    assert.equal(outbox.queued, 0);
    state.queue = undefined;
    assert.equal(outbox.send('p', pong(2n)), false);
    assert.equal(outbox.dropped, 0);
  });

  it('disconnects a peer whose queue stays more than half full past the slow-reader timeout', () => {
    const { outbox, state, clock } = open({ slowReaderTimeoutMs: 1_000 });
    state.queue = { queuedBytes: 90, maxBytes: 100 };
    outbox.send('p', pong(1n));
    clock.advance(1_000);
    assert.equal(outbox.send('p', pong(2n)), true);
    // Progress (the queue back at half) restarts the wait.
    state.queue = { queuedBytes: 50, maxBytes: 100 };
    outbox.drained('p');
    assert.deepEqual(state.sent, [1n, 2n]);
    state.queue = { queuedBytes: 90, maxBytes: 100 };
    outbox.send('p', pong(3n));
    clock.advance(1_001);
    assert.equal(outbox.send('p', pong(4n)), false);
    assert.match(state.disconnected[0]!, /^slow reader: /);
  });

  it('refuses bounds below one', () => {
    assert.throws(() => open({ maxQueuedRepliesPerPeer: 0 }), RangeError);
    assert.throws(() => open({ slowReaderTimeoutMs: 0 }), RangeError);
  });
});
