import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { mintIdentity } from '../../../../../protocol/identity-mint.js';
import type { NodeIdentity } from '../../../../../protocol/identity.js';
import type { ChkUri } from '../../../../../protocol/keys/index.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import { fetchManifest } from '../../../../../node/client/fetch.js';
import { Inserter } from '../../../../../node/client/insert.js';
import { type Logger, silentLogger } from '../../../../../node/components.js';
import type { SimulatedNetwork } from '../../../../../sim/simulated-network.js';
import { directoryBomb, directoryChain, MemoryClientNode } from '../../client/support.js';
import { type Answer, apiOver, call, errorOf, TOKEN } from './support.js';
import { useSimulatedNetworks } from '../../../../support/simulated-networks.js';
import { useTeardown } from '../../../../support/teardown.js';

const MiB = 1024 * 1024;
const redundancy = { dataBlocksPerSegment: 6, checkBlocksPerSegment: 1 };

/** A node double that counts the blocks asked of it. */
class CountingNode extends MemoryClientNode {
  requests = 0;
  override request(routingKey: Uint8Array): Promise<Uint8Array> {
    this.requests++;
    return super.request(routingKey);
  }
}

/**
 * POSTs a body of `total` bytes made as it is read, and counts the bytes the server pulled: once the
 * answer is in, nothing more is sent (as the API's own client does).
 */
function streamedUpload(port: number, path: string, total: number): Promise<{ answer: Answer; pulled: number }> {
  let pulled = 0;
  const chunk = Buffer.alloc(64 * 1024);
  const body = new Readable({
    read() {
      if (pulled >= total) return void this.push(null);
      pulled += chunk.length;
      this.push(chunk);
    },
  });
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-length': String(total) };
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, headers }, (response) => {
      const sent = pulled;
      body.destroy();
      const chunks: Buffer[] = [];
      response.on('data', (data: Buffer) => chunks.push(data));
      response.on('end', () => resolve({ answer: { status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }, pulled: sent }));
    });
    request.on('error', (error) => (body.destroyed ? undefined : reject(error)));
    body.pipe(request);
  });
}

const postJson = (port: number, path: string, value: unknown): Promise<Answer> =>
  call(port, 'POST', path, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(value)));

describe('node/app/api/files: hostile input', () => {
  let sim: SimulatedNetwork;
  let identity: NodeIdentity;
  let memory: CountingNode;
  let warnings: unknown[];
  let api: ApiServer;
  let leaf: ChkUri;
  const simulateShared = useSimulatedNetworks(useTeardown('all'));

  before(async () => {
    sim = await simulateShared({ seed: 'api-hostile', locations: [0.5], edges: [] });
    identity = await mintIdentity({ difficulty: 4, workers: 0 });
  });

  beforeEach(async () => {
    memory = new CountingNode();
    warnings = [];
    const logger: Logger = { ...silentLogger, warn: (fields) => warnings.push(fields), child: () => logger };
    const { node, store } = sim.nodes[0]!;
    const operations = new CountingOperations(memory as never);
    api = new ApiServer({ node, store, identity, operations, clock: sim.clock, logger, addresses: () => [] }, { token: TOKEN, port: 0 });
    await api.start();
    ({ uri: leaf } = await new Inserter(memory, redundancy).insertFile({ source: new TextEncoder().encode('x'), mime: 'text/plain' }));
  });

  afterEach(async () => {
    await api.stop();
    assert.deepEqual(warnings, [], 'no request failed with an internal error');
  });

  it('refuses a MIME type with CR/LF, of 300 bytes or of 100 KB, and a bad name, with 400 before reading the body', async () => {
    const stored = memory.blocks.size;
    for (const [query, code] of [
      [`mime=${encodeURIComponent('text/plain\r\nSet-Cookie: a=b')}`, 'ERR_INVALID_MIME'],
      [`mime=application/${'x'.repeat(288)}`, 'ERR_INVALID_MIME'],
      [`mime=${encodeURIComponent('text/plain\n')}`, 'ERR_INVALID_MIME'],
      [`name=${encodeURIComponent('../x')}`, 'ERR_INVALID_PATH'],
      ['name=..', 'ERR_INVALID_PATH'],
      [`name=${encodeURIComponent('a\u0000b')}`, 'ERR_INVALID_PATH'],
    ] as const) {
      const { answer, pulled } = await streamedUpload(api.port, `/v1/files?${query}`, 64 * MiB);
      assert.equal(answer.status, 400, query);
      assert.equal(errorOf(answer).code, code, query);
      assert.ok(pulled < 16 * MiB, `${query}: ${pulled} bytes of 64 MiB pulled`);
    }
    const huge = await postJson(api.port, '/v1/directories', {
      files: [{ path: 'a.txt', uri: leaf.toString(), mime: `text/${'x'.repeat(100_000)}`, size: 1 }],
    });
    assert.equal(huge.status, 400);
    assert.equal(errorOf(huge).code, 'ERR_INVALID_MIME');
    assert.match(errorOf(huge).message, /the limit is 255/);
    assert.equal(memory.blocks.size, stored, 'nothing was inserted');
  });

  it('refuses directory paths with .., NUL, a newline, an empty name, a duplicate or 5,000 levels with 400', async () => {
    const stored = memory.blocks.size;
    const file = (path: string) => ({ path, uri: leaf.toString(), mime: 'text/plain', size: 1 });
    for (const [files, message] of [
      [[file('../x')], /'\.\.' is reserved/],
      [[file('docs/../../x')], /'\.\.' is reserved/],
      [[file('a\u0000b')], /U\+0000/],
      [[file('a\nb')], /U\+000a/],
      [[file('a//b')], /empty name/],
      [[file('x'), file('x')], /given twice/],
      [[file(`${'a/'.repeat(5_000)}f`)], /5001 names deep; the limit is 64/],
    ] as const) {
      const answer = await postJson(api.port, '/v1/directories', { files });
      assert.equal(answer.status, 400, files[0]!.path.slice(0, 20));
      assert.equal(errorOf(answer).code, 'ERR_INVALID_PATH');
      assert.match(errorOf(answer).message, message);
    }
    assert.equal(memory.blocks.size, stored, 'nothing was inserted');
  });

  it('refuses to list a bomb of 16^5 paths over one child with 422 after six fetches', async () => {
    const root = await directoryBomb(memory, leaf, 1, 16, 5);
    memory.requests = 0;
    const answer = await call(api.port, 'GET', `/v1/directories/${root}`);
    assert.equal(answer.status, 422);
    assert.equal(errorOf(answer).code, 'ERR_DIRECTORY_LIMIT');
    assert.match(errorOf(answer).message, /more than 16384 entries, counting every path \(MAX_WALK_ENTRIES\)/);
    assert.equal(memory.requests, 6, 'the root, four directories and the file: each manifest once');
  });

  it('refuses a tree 5,000 levels deep with 422 at the depth limit, listed or followed by its path', async () => {
    const root = await directoryChain(memory, leaf, 5_000);
    const listed = await call(api.port, 'GET', `/v1/directories/${root}`);
    assert.equal(listed.status, 422);
    assert.equal(errorOf(listed).code, 'ERR_DIRECTORY_LIMIT');
    assert.match(errorOf(listed).message, /MAX_DEPTH/);
    const followed = await call(api.port, 'GET', `/v1/files/${root}/${'a/'.repeat(4_999)}f`);
    assert.equal(followed.status, 422);
    assert.match(errorOf(followed).message, /5000 names deep; the limit is 64 \(MAX_DEPTH\)/);
  });

  it('serves a stored MIME type that breaks the rule as application/octet-stream', async () => {
    const { uri } = await new Inserter(memory, redundancy).insertFile({ source: new TextEncoder().encode('<p>hi</p>'), mime: 'text/html' });
    const manifest = await fetchManifest(memory, uri);
    assert.equal(manifest.kind, 'file');
    const forged = await new Inserter(memory, redundancy).insertManifest({ ...manifest, mime: 'text/html\r\nSet-Cookie: a=b' });
    const got = await call(api.port, 'GET', `/v1/files/${forged}`);
    assert.equal(got.status, 200);
    assert.equal(got.headers['content-type'], 'application/octet-stream');
    assert.equal(got.headers['set-cookie'], undefined);
    assert.equal(got.body.toString(), '<p>hi</p>');
  });

  it('ends an upload to a node with no peers at its first failed block, having read a bounded part of the body', async () => {
    const lonely = await apiOver(sim, sim.nodes[0]!, identity);
    try {
      const { answer, pulled } = await streamedUpload(lonely.port, '/v1/files?name=big.bin', 256 * MiB);
      assert.equal(answer.status, 502);
      assert.equal(errorOf(answer).code, 'ERR_ROUTE_NOT_FOUND');
      assert.ok(pulled < 32 * MiB, `${pulled / MiB} MiB of 256 MiB pulled`);
    } finally {
      await lonely.stop();
    }
  });
});
