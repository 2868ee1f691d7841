import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MultiaddrConnection } from '@libp2p/interface';
import { multiaddrConnectionPair, type MultiaddrConnectionPairOptions } from '@libp2p/utils';
import { FrameTooLargeError, WireDecodeError } from '../../../../protocol/errors.js';
import { encodeFrame } from '../../../../protocol/wire/index.js';
import { FrameStream, onStreamClose } from '../../../../node/net/stream.js';
import { until } from '../../../support/until.js';

const frame = (length: number, seed: number) => encodeFrame(Uint8Array.from({ length }, (_, i) => (i + seed) & 0xff));

/** A FrameStream on one end of an in-memory pair; the other end is driven by hand. */
function open(options: MultiaddrConnectionPairOptions = {}, maxQueueBytes = 1 << 20) {
  const [local, remote] = multiaddrConnectionPair(options);
  const frames: Uint8Array[] = [];
  let closedWith: { error: Error | undefined } | undefined;
  const drains: number[] = [];
  const stream = new FrameStream(local, {
    maxQueueBytes,
    onFrame: (payload) => frames.push(payload),
    onClose: (error) => (closedWith = { error }),
    onDrained: () => drains.push(stream.queuedBytes),
  });
  return { stream, local, remote, frames, drains, closed: () => closedWith };
}

/** Everything `remote` receives, as frame payloads, and how many writes carried it. */
function receiver(remote: MultiaddrConnection) {
  const received = { frames: [] as Uint8Array[], writes: 0 };
  new FrameStream(remote, {
    maxQueueBytes: 1 << 20,
    onFrame: (payload) => received.frames.push(payload),
    onClose: () => undefined,
  });
  remote.addEventListener('message', () => received.writes++);
  return received;
}

describe('FrameStream', () => {
  it('cuts arriving bytes into frames, in order, whatever the chunking', async () => {
    const { remote, frames } = open();
    const sent = [frame(1, 1), frame(300, 2), frame(5000, 3), frame(2, 4)];
    const bytes = Buffer.concat(sent);
    for (const [start, end] of [
      [0, 1],
      [1, 3],
      [3, 700],
      [700, 5100],
      [5100, bytes.length],
    ] as const) {
      remote.send(bytes.subarray(start, end));
    }
    await until(() => frames.length === sent.length, 'frames.length === sent.length');
    assert.deepEqual(
      frames.map((payload) => Buffer.from(encodeFrame(payload))),
      sent.map((bytes) => Buffer.from(bytes)),
    );
  });

  it('writes the frames queued in one turn together, in order', async () => {
    const { stream, remote } = open();
    const received = receiver(remote);
    const sent = Array.from({ length: 10 }, (_, i) => frame(100, i));
    for (const bytes of sent) assert.equal(stream.send(bytes), true);
    assert.equal(stream.queuedBytes, 10 * 101);
    await until(() => received.frames.length === 10, 'received.frames.length === 10');
    assert.equal(received.writes, 1);
    assert.deepEqual(
      received.frames.map((payload) => Buffer.from(encodeFrame(payload))),
      sent.map((bytes) => Buffer.from(bytes)),
    );
    assert.equal(stream.queuedBytes, 0);
  });

  it('refuses a frame that would take the queue past its bound, queueing nothing of it', () => {
    const { stream } = open({}, 250);
    assert.equal(stream.send(frame(99, 1)), true);
    assert.equal(stream.send(frame(99, 2)), true);
    assert.equal(stream.send(frame(99, 3)), false);
    assert.equal(stream.queuedBytes, 200);
  });

  it('holds frames while the stream wants a drain, then sends them all in order', async () => {
    const { stream, remote } = open({ capacity: 1, delay: 5 });
    const received = receiver(remote);
    const sent = Array.from({ length: 30 }, (_, i) => frame(30_000, i));
    for (const bytes of sent) assert.equal(stream.send(bytes), true);
    await sleep(0);
    assert.ok(stream.queuedBytes > 0, 'frames wait for the drain');
    await until(() => received.frames.length === sent.length, 'received.frames.length === sent.length');
    assert.deepEqual(
      received.frames.map((payload) => Buffer.from(encodeFrame(payload))),
      sent.map((bytes) => Buffer.from(bytes)),
    );
    assert.equal(stream.queuedBytes, 0);
  });

  it('reports a drain once a queue that held more than half its bound is back at half or below', async () => {
    const { stream, remote, drains } = open({ capacity: 1, delay: 5 }, 200_000);
    receiver(remote);
    for (let i = 0; i < 3; i++) assert.equal(stream.send(frame(30_000, i)), true);
    await until(() => stream.queuedBytes === 0, 'stream.queuedBytes === 0');
    assert.deepEqual(drains, [], 'never above half');
    for (let i = 0; i < 5; i++) assert.equal(stream.send(frame(30_000, i)), true);
    await until(() => drains.length === 1, 'drains.length === 1');
    assert.ok(drains[0]! <= 100_000);
    await until(() => stream.queuedBytes === 0, 'stream.queuedBytes === 0');
    assert.equal(drains.length, 1);
  });

  it('closes on a length over the limit as soon as the prefix arrives', async () => {
    const { remote, frames, closed } = open();
    remote.send(Uint8Array.of(0x01, 0x00, 0x81, 0xa0, 0x02));
    await until(() => closed() !== undefined, 'closed() !== undefined');
    assert.ok(closed()!.error instanceof FrameTooLargeError);
    assert.equal(frames.length, 0);
  });

  it('reports a stream that ends inside a frame as a WireDecodeError', async () => {
    const { remote, closed } = open();
    remote.send(Uint8Array.of(0x05, 0x01, 0x02));
    await sleep(10);
    await remote.close();
    await until(() => closed() !== undefined, 'closed() !== undefined');
    assert.ok(closed()!.error instanceof WireDecodeError);
    assert.match(closed()!.error!.message, /stream ended inside a frame/);
  });

  it('reports a clean close without an error', async () => {
    const { remote, closed } = open();
    await remote.close();
    await until(() => closed() !== undefined, 'closed() !== undefined');
    assert.equal(closed()!.error, undefined);
  });

  it('close writes what is queued, then closes; nothing more is delivered or accepted', async () => {
    const { stream, remote, frames, closed } = open();
    const received = receiver(remote);
    stream.send(frame(10, 1));
    stream.send(frame(10, 2));
    const closing = stream.close(AbortSignal.timeout(1000));
    assert.equal(stream.send(frame(10, 3)), false);
    remote.send(frame(10, 4));
    await closing;
    await until(() => closed() !== undefined, 'closed() !== undefined');
    assert.equal(received.frames.length, 2);
    assert.deepEqual(frames, []);
  });

  it('close drops the queue and aborts when its signal fires first', async () => {
    const { stream, remote, closed } = open({ capacity: 1 });
    remote.pause();
    for (let i = 0; i < 10; i++) stream.send(frame(1000, i));
    const timeout = new AbortController();
    const closing = stream.close(timeout.signal);
    await sleep(10);
    assert.equal(closed(), undefined, 'still flushing to a peer that does not read');
    timeout.abort();
    await closing;
    assert.match(closed()!.error!.message, /closing took too long/);
    assert.equal(stream.queuedBytes, 0);
  });

  it('abort closes at once, dropping the queue', async () => {
    const { stream, remote, closed } = open();
    const received = receiver(remote);
    stream.send(frame(10, 1));
    stream.abort(new Error('misbehaved'));
    assert.equal(closed()!.error!.message, 'misbehaved');
    assert.equal(stream.send(frame(10, 2)), false);
    await sleep(20);
    assert.equal(received.frames.length, 0);
  });
});

describe('onStreamClose', () => {
  it('calls back once when the stream closes, and once for a stream that had closed already', async () => {
    const [local] = multiaddrConnectionPair();
    const calls: Array<Error | undefined> = [];
    onStreamClose(local, (error) => calls.push(error));
    await local.close();
    await until(() => calls.length === 1, 'the close to be heard');
    assert.equal(local.status, 'closed');
    const late: Array<Error | undefined> = [];
    onStreamClose(local, (error) => late.push(error));
    await until(() => late.length === 1, 'the late listener to be called');
    assert.deepEqual(late, [undefined]);
    await sleep(10);
    assert.deepEqual([calls.length, late.length], [1, 1]);
  });
});
