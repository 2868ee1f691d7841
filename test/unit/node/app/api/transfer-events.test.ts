import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { PROGRESS_INTERVAL_MS, streamTransferEvents } from '../../../../../node/app/api/transfer-events.js';
import { type TransferEvent, Transfers } from '../../../../../node/app/api/transfers.js';
import { silentLogger } from '../../../../../node/components.js';
import { RouteNotFoundError } from '../../../../../node/errors.js';
import { ManualClock } from '../../../../support/manual-clock.js';

/** The server-sent events of a response, each as [event name, parsed data]. */
function parse(text: string): Array<[string, TransferEvent]> {
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      const [name, data] = frame.split('\n');
      return [name!.replace(/^event: /, ''), JSON.parse(data!.replace(/^data: /, '')) as TransferEvent];
    });
}

describe('node/app/api/transfer-events', () => {
  let clock: ManualClock;
  let transfers: Transfers;
  let server: Server;
  let port: number;
  /** Streams handled to their end. */
  let streamsEnded: number;

  beforeEach(async () => {
    clock = new ManualClock();
    transfers = new Transfers({ clock, logger: silentLogger });
    streamsEnded = 0;
    server = createServer((incoming, response) => {
      const gone = new AbortController();
      response.once('close', () => gone.abort());
      void streamTransferEvents(response, transfers, incoming.url!.slice(1), gone.signal, clock).then(() => streamsEnded++);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Opens the stream of transfer `id`; resolves once the server watches it. */
  async function open(id: string): Promise<IncomingMessage> {
    const outgoing = request({ host: '127.0.0.1', port, path: `/${id}` });
    outgoing.end();
    const [response] = (await once(outgoing, 'response')) as [IncomingMessage];
    return response;
  }

  async function text(response: IncomingMessage): Promise<string> {
    let all = '';
    for await (const chunk of response) all += String(chunk);
    return all;
  }

  it('streams typed events in order as text/event-stream and ends after the final one', async () => {
    const response = await open('t-1');
    assert.equal(response.headers['content-type'], 'text/event-stream; charset=utf-8');
    const transfer = transfers.begin('insert', 'a.bin', 't-1');
    clock.advance(PROGRESS_INTERVAL_MS);
    transfer.expect({ blocks: 1, bytes: 3 });
    clock.advance(PROGRESS_INTERVAL_MS);
    transfer.bytes(3);
    clock.advance(PROGRESS_INTERVAL_MS);
    transfer.block();
    transfer.end();
    const events = parse(await text(response));
    assert.deepEqual(
      events.map(([name, event]) => `${name}=${event.type} ${event.transfer.blocksDone}/${event.transfer.blocksTotal} ${event.transfer.bytesDone}`),
      ['progress=progress 0/0 0', 'progress=progress 0/1 0', 'progress=progress 0/1 3', 'progress=progress 1/1 3', 'done=done 1/1 3'],
    );
    assert.equal(transfers.watching, 0);
  });

  it('sends the newest progress at most once an interval, and the final event at once', async () => {
    const response = await open('t-5');
    const all = text(response);
    const transfer = transfers.begin('insert', 'b.bin', 't-5');
    transfer.expect({ blocks: 100 });
    for (let index = 0; index < 40; index++) transfer.block();
    clock.advance(PROGRESS_INTERVAL_MS - 1);
    assert.equal(clock.pending, 1, 'one write waits for the interval');
    clock.advance(1);
    for (let index = 0; index < 40; index++) transfer.block();
    clock.advance(PROGRESS_INTERVAL_MS);
    transfer.block();
    transfer.end();
    const events = parse(await all);
    assert.deepEqual(
      events.map(([name, event]) => `${name} ${event.transfer.blocksDone}`),
      ['progress 0', 'progress 40', 'progress 80', 'done 81'],
    );
    assert.equal(clock.pending, 0, 'no timer outlives the stream');
  });

  it('ends a failed transfer with its error code', async () => {
    const response = await open('t-2');
    transfers.begin('fetch', 'CHK@…', 't-2').end(new RouteNotFoundError(12));
    const events = parse(await text(response));
    assert.deepEqual(
      events.map(([name, event]) => `${name} ${event.type === 'failed' ? event.error.code : ''}`),
      ['progress ', 'failed ERR_ROUTE_NOT_FOUND'],
    );
  });

  it('gives the watch back when the client disconnects mid-stream', async () => {
    const response = await open('t-3');
    const transfer = transfers.begin('fetch', 'CHK@…', 't-3');
    assert.equal(transfers.watching, 1);
    response.destroy();
    while (streamsEnded === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(transfers.watching, 0);
    transfer.block();
    transfer.end();
  });

  it('holds only the newest event for a reader that does not keep up, and never drops the final one', async () => {
    const response = await open('t-4');
    response.pause();
    const transfer = transfers.begin('insert', 'x'.repeat(64 * 1024), 't-4');
    const sent = 1_000;
    for (let index = 0; index < sent; index++) transfer.block();
    transfer.end();
    response.resume();
    const events = parse(await text(response));
    assert.equal(events.at(-1)![0], 'done');
    assert.equal(events.at(-1)![1].transfer.blocksDone, sent);
    assert.ok(events.length < sent, `${events.length} events reached the reader of ${sent + 2}: the rest were dropped while it lagged`);
    const progress = events.map(([, event]) => event.transfer.blocksDone);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
      'in order',
    );
  });
});
