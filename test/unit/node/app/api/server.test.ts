import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { toHex } from '../../../../../protocol/bytes.js';
import { mintIdentity } from '../../../../../protocol/identity-mint.js';
import type { NodeIdentity } from '../../../../../protocol/identity.js';
import { encodeChk } from '../../../../../protocol/keys/index.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import type { NodeStatus } from '../../../../../node/app/api/status.js';
import { silentLogger } from '../../../../../node/components.js';
import { DataNotFoundError, NodeStoppedError, OverloadedError, RequestTimeoutError } from '../../../../../node/errors.js';
import type { SimulatedNetwork } from '../../../../../sim/simulated-network.js';
import { SeededRng } from '../../../../../sim/rng.js';
import { apiOver, call, errorOf, pump, TOKEN } from './support.js';
import { idealLocations, smallWorldEdges } from '../../../../../sim/topology.js';
import { useSimulatedNetworks } from '../../../../support/simulated-networks.js';
import { useTeardown } from '../../../../support/teardown.js';

describe('node/app/api/server', () => {
  let sim: SimulatedNetwork;
  let stopPump: () => Promise<void>;
  let first: ApiServer;
  let second: ApiServer;
  let identity: NodeIdentity;
  const deferShared = useTeardown('all');
  const simulateShared = useSimulatedNetworks(deferShared);
  const simulate = useSimulatedNetworks();

  before(async () => {
    sim = await simulateShared({ seed: 'api', locations: idealLocations(8), edges: smallWorldEdges(8, new SeededRng('api'), { degree: 4 }) });
    identity = await mintIdentity({ difficulty: 4, workers: 0 });
    stopPump = pump(sim);
    deferShared(stopPump);
    first = await apiOver(sim, sim.nodes[0]!, identity);
    deferShared(() => first.stop());
    second = await apiOver(sim, sim.nodes[5]!, identity);
    deferShared(() => second.stop());
  });

  it('refuses a request without the token, or with a wrong one, with 401', async () => {
    for (const authorization of [undefined, `Bearer ${'cd'.repeat(32)}`, `Bearer ${TOKEN.slice(2)}`, TOKEN]) {
      const headers = authorization === undefined ? { authorization: '' } : { authorization };
      const answer = await call(first.port, 'GET', '/v1/status', headers);
      assert.equal(answer.status, 401);
      assert.equal(errorOf(answer).code, 'ERR_UNAUTHORIZED');
    }
  });

  it('refuses browser requests (any Origin) and other host names with 403, token or not', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${first.port}`]) {
      const answer = await call(first.port, 'GET', '/v1/status', { origin });
      assert.equal(answer.status, 403);
      assert.match(errorOf(answer).message, /Origin/);
    }
    for (const host of [`evil.example:${first.port}`, '127.0.0.1', `127.0.0.1:${first.port + 1}`]) {
      const answer = await call(first.port, 'GET', '/v1/status', { host });
      assert.equal(answer.status, 403, host);
      assert.equal(errorOf(answer).code, 'ERR_FORBIDDEN');
    }
    assert.equal((await call(first.port, 'GET', '/v1/status', { host: `localhost:${first.port}` })).status, 200);
  });

  it('guards the transfer event streams like every endpoint: token, no Origin; a bad id is 400', async () => {
    const path = '/v1/transfers/t-1/events';
    assert.equal((await call(first.port, 'GET', path, { authorization: '' })).status, 401);
    assert.equal((await call(first.port, 'GET', path, { origin: 'https://evil.example' })).status, 403);
    assert.equal((await call(first.port, 'POST', path)).status, 405);
    assert.equal(errorOf(await call(first.port, 'GET', '/v1/transfers/a%2Fb/events')).code, 'ERR_BAD_REQUEST');
  });

  it('reports identity, location, addresses, peers, store usage and counters', async () => {
    const answer = await call(first.port, 'GET', '/v1/status');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const status = JSON.parse(answer.body.toString()) as NodeStatus;
    assert.equal(status.identity.publicKey, toHex(identity.publicKey));
    assert.equal(status.identity.location, sim.nodes[0]!.node.location);
    assert.deepEqual(status.addresses, ['/ip4/127.0.0.1/tcp/7400']);
    assert.equal(status.peers.length, sim.nodes[0]!.node.peers.size);
    assert.ok(status.peers.length > 0);
    for (const peer of status.peers) {
      assert.match(peer.id, /^\w+$/);
      assert.ok(peer.location >= 0 && peer.location < 1);
      assert.deepEqual(Object.keys(peer.stats).sort(), ['insertBlocksSent', 'invalidBlocks', 'overloads', 'requestsSent', 'successes', 'timeouts']);
    }
    assert.equal(status.store.store.budgetBytes, 1024 ** 3);
    assert.deepEqual(Object.keys(status.requests), ['requests', 'inserts']);
    assert.equal(typeof status.activeTransactions, 'number');
  });

  it('inserts a block through one node and fetches it through another, and counts both', async () => {
    const chk = encodeChk(new TextEncoder().encode('through the API'));
    const key = toHex(chk.routingKey);
    const put = await call(first.port, 'PUT', `/v1/blocks/${key}?type=chk`, { 'content-type': 'application/octet-stream' }, chk.block);
    assert.equal(put.status, 200, put.body.toString());
    assert.ok(['htl', 'routes'].includes((JSON.parse(put.body.toString()) as { endedBy: string }).endedBy));
    const get = await call(second.port, 'GET', `/v1/blocks/${key}`);
    assert.equal(get.status, 200, get.body.toString());
    assert.equal(get.headers['content-type'], 'application/octet-stream');
    assert.deepEqual(new Uint8Array(get.body), chk.block);
    const counts = (JSON.parse((await call(second.port, 'GET', '/v1/status')).body.toString()) as NodeStatus).requests;
    assert.equal(counts.requests.succeeded, 1);
    assert.equal(counts.requests.active, 0);
  });

  it("maps the node's typed failures to 404, 503 and 504 with their reasons, and counts them", async () => {
    const failures = [new DataNotFoundError(18), new OverloadedError(), new RequestTimeoutError(60_000)];
    const failing = { request: () => Promise.reject(failures.shift()!), insert: () => Promise.reject(new NodeStoppedError()) };
    const { node, store } = sim.nodes[2]!;
    const operations = new CountingOperations(failing);
    const api = new ApiServer({ node, store, identity, operations, clock: sim.clock, logger: silentLogger, addresses: () => [] }, { token: TOKEN, port: 0 });
    await api.start();
    const key = `/v1/blocks/${'22'.repeat(32)}`;
    for (const [status, code, message] of [
      [404, 'ERR_DATA_NOT_FOUND', /not found after 18 hops/],
      [503, 'ERR_OVERLOADED', /overloaded/],
      [504, 'ERR_TIMEOUT', /no answer after 60 s/],
    ] as const) {
      const answer = await call(api.port, 'GET', key);
      assert.equal(answer.status, status);
      assert.equal(errorOf(answer).code, code);
      assert.match(errorOf(answer).message, message);
    }
    assert.equal((await call(api.port, 'PUT', key, {}, new Uint8Array(10))).status, 503);
    const counts = operations.snapshot();
    assert.deepEqual(counts.requests, {
      started: 3,
      succeeded: 0,
      failed: 3,
      active: 0,
      failures: { ERR_DATA_NOT_FOUND: 1, ERR_OVERLOADED: 1, ERR_TIMEOUT: 1 },
    });
    assert.deepEqual(counts.inserts.failures, { ERR_NODE_STOPPED: 1 });
    await api.stop();
  });

  it('refuses bad keys, types and blocks with 400, and oversized bodies with 413', async () => {
    const chk = encodeChk(new TextEncoder().encode('bad inputs'));
    const key = toHex(chk.routingKey);
    const badKey = await call(first.port, 'GET', '/v1/blocks/abcd');
    assert.equal(badKey.status, 400);
    assert.match(errorOf(badKey).message, /64 hex digits/);
    const badType = await call(first.port, 'GET', `/v1/blocks/${key}?type=usk`);
    assert.equal(badType.status, 400);
    const tampered = Uint8Array.from(chk.block);
    tampered[100]! ^= 1;
    const badBlock = await call(first.port, 'PUT', `/v1/blocks/${key}`, {}, tampered);
    assert.equal(badBlock.status, 400);
    assert.equal(errorOf(badBlock).code, 'ERR_INVALID_BLOCK');
    const tooLarge = await call(first.port, 'PUT', `/v1/blocks/${key}`, {}, new Uint8Array(32 * 1024 + 1));
    assert.equal(tooLarge.status, 413);
    assert.equal(errorOf(tooLarge).code, 'ERR_PAYLOAD_TOO_LARGE');
  });

  it('answers 413 to a body of no declared length as soon as it passes the limit, while more is still coming', async () => {
    const key = toHex(encodeChk(new TextEncoder().encode('no declared length')).routingKey);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers = { authorization: `Bearer ${TOKEN}` };
      const request = httpRequest({ host: '127.0.0.1', port: first.port, method: 'PUT', path: `/v1/blocks/${key}`, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('error', reject);
      // Sent in chunks, with no end: the node must answer from what it has read.
      request.write(new Uint8Array(24 * 1024));
      request.write(new Uint8Array(24 * 1024));
    });
    assert.equal(answer.status, 413);
    assert.equal((JSON.parse(answer.body) as { error: { code: string } }).error.code, 'ERR_PAYLOAD_TOO_LARGE');
  });

  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    assert.equal((await call(first.port, 'GET', '/v2/status')).status, 404);
    assert.equal((await call(first.port, 'POST', '/v1/status')).status, 405);
    assert.equal((await call(first.port, 'DELETE', `/v1/blocks/${'00'.repeat(32)}`)).status, 405);
  });

  it('answers 502 when the node has no route to search further', async () => {
    const lonely = await simulate({ seed: 'lonely', locations: [0.5], edges: [] });
    const api = await apiOver(lonely, lonely.nodes[0]!, identity);
    try {
      const answer = await call(api.port, 'GET', `/v1/blocks/${'11'.repeat(32)}`);
      assert.equal(answer.status, 502);
      assert.equal(errorOf(answer).code, 'ERR_ROUTE_NOT_FOUND');
    } finally {
      await api.stop();
    }
  });

  it('listens on 127.0.0.1 only', () => {
    assert.throws(() => new ApiServer({} as never, { token: TOKEN, host: '0.0.0.0' }), /127\.0\.0\.1 only/);
  });
});
