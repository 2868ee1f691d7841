import assert from 'node:assert/strict';
import { type Logger, silentLogger } from '../../../../node/components.js';
import { EventQueue } from '../../../../node/net/events.js';
import type { ConnectedPeer, TransportHandlers } from '../../../../node/transport.js';

const peer: ConnectedPeer = { id: 'ab', location: 0.5, node: { publicKey: new Uint8Array(32), powNonce: new Uint8Array(8), addresses: [] } };

function recorder(log: string[], extra: Partial<TransportHandlers> = {}): TransportHandlers {
  return {
    peerConnected: (connected) => log.push(`connected ${connected.id}`),
    peerDisconnected: (id, reason) => log.push(`disconnected ${id} ${reason}`),
    message: (id, envelope) => log.push(`message ${id} ${envelope.tx}`),
    ...extra,
  };
}

describe('EventQueue', () => {
  it('calls the handlers in order, from a microtask, never inside push', async () => {
    const log: string[] = [];
    const queue = new EventQueue(recorder(log), silentLogger);
    queue.push({ type: 'peerConnected', args: [peer] });
    queue.push({ type: 'message', args: ['ab', { tx: 1n, body: { type: 'ping' } }] });
    queue.push({ type: 'peerDisconnected', args: ['ab', 'bye'] });
    assert.deepEqual(log, []);
    await Promise.resolve();
    assert.deepEqual(log, ['connected ab', 'message ab 1', 'disconnected ab bye']);
  });

  it('goes on after a handler throws, and logs it', async () => {
    const log: string[] = [];
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (_, message) => warnings.push(message) };
    const queue = new EventQueue(
      recorder(log, {
        peerConnected: () => {
          throw new Error('bug');
        },
      }),
      logger,
    );
    queue.push({ type: 'peerConnected', args: [peer] });
    queue.push({ type: 'peerDisconnected', args: ['ab', 'bye'] });
    await Promise.resolve();
    assert.deepEqual(log, ['disconnected ab bye']);
    assert.deepEqual(warnings, ['transport handler threw']);
  });

  it('delivers what a handler queues after what was already queued', async () => {
    const log: string[] = [];
    let queue!: EventQueue;
    queue = new EventQueue(
      recorder(log, {
        peerConnected: () => {
          log.push('connected');
          queue.push({ type: 'peerDisconnected', args: ['ab', 'from a handler'] });
        },
      }),
      silentLogger,
    );
    queue.push({ type: 'peerConnected', args: [peer] });
    queue.push({ type: 'message', args: ['ab', { tx: 2n, body: { type: 'pong' } }] });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(log, ['connected', 'message ab 2', 'disconnected ab from a handler']);
  });
});
