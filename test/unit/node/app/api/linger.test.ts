import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { closeServer, sendJson } from '../../../../../node/app/api/http.js';
import { discardRestOfBody, LINGER_MS } from '../../../../../node/app/api/linger.js';
import { ManualClock } from '../../../../support/manual-clock.js';
import { until } from '../../../../support/until.js';

/** A server that reads the first chunk of a body (as a failing insert does), refuses the request, then lingers. */
async function refusingServer(clock: ManualClock): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (request.method === 'POST') for await (const _ of request.iterator({ destroyOnReturn: false })) break;
    sendJson(response, 400, { error: { code: 'ERR_REFUSED' } });
    discardRestOfBody(request, clock);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** A raw connection that collects what the server sends. */
function rawConnection(server: Server): { socket: Socket; received: () => string; closed: () => boolean } {
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  let text = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  return { socket, received: () => text, closed: () => closed };
}

const answers = (text: string): number => text.split('HTTP/1.1 400').length - 1;

describe('node/app/api/linger', () => {
  let clock: ManualClock;
  let server: Server;

  beforeEach(async () => {
    clock = new ManualClock();
    server = await refusingServer(clock);
  });

  afterEach(async () => {
    server.closeAllConnections();
    await closeServer(server);
  });

  it('answers before the body has arrived and, once the body ends, serves the next request on the same connection', async () => {
    const connection = rawConnection(server);
    const body = Buffer.alloc(256 * 1024, 7);
    connection.socket.write('POST /upload HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 262144\r\n\r\n');
    connection.socket.write(body.subarray(0, 1024));
    await until(() => answers(connection.received()) === 1, 'the answer to the first request');
    connection.socket.write(body.subarray(1024));
    connection.socket.write('GET /next HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    await until(() => answers(connection.received()) === 2, 'the answer to the second request');
    assert.equal(connection.closed(), false);
    assert.equal(clock.pending, 0, 'the linger timer is cancelled when the body ends');
  });

  it('closes a connection whose body has not ended once LINGER_MS has passed, and not before', async () => {
    const connection = rawConnection(server);
    connection.socket.write('POST /upload HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1000000000\r\n\r\n');
    connection.socket.write(Buffer.alloc(64 * 1024));
    await until(() => answers(connection.received()) === 1 && clock.pending === 1, 'the answer, and the linger timer');
    clock.advance(LINGER_MS - 1);
    connection.socket.write(Buffer.alloc(64 * 1024));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(connection.closed(), false, 'closed before LINGER_MS');
    clock.advance(1);
    await until(connection.closed, 'the connection to close');
  });
});
