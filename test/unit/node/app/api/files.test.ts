import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { toHex } from '../../../../../protocol/bytes.js';
import { hash, randomBytes } from '../../../../../protocol/crypto.js';
import { CONTENT_HASH_TAG } from '../../../../../node/client/insert.js';
import { mintIdentity } from '../../../../../protocol/identity-mint.js';
import type { NodeIdentity } from '../../../../../protocol/identity.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import type { TransferStatus } from '../../../../../node/app/api/transfers.js';
import { generateKeys } from '../../../../../node/app/cli/keys.js';
import { silentLogger } from '../../../../../node/components.js';
import type { SimulatedNetwork } from '../../../../../sim/simulated-network.js';
import { SeededRng } from '../../../../../sim/rng.js';
import { idealLocations, smallWorldEdges } from '../../../../../sim/topology.js';
import { useSimulatedNetworks } from '../../../../support/simulated-networks.js';
import { useTeardown } from '../../../../support/teardown.js';
import { type Answer, apiOver, call, errorOf, MemoryNetworkNode, pump, TOKEN } from './support.js';

const json = <T>(answer: Answer): T => JSON.parse(answer.body.toString()) as T;

describe('node/app/api/files', () => {
  let sim: SimulatedNetwork;
  let stopPump: () => Promise<void>;
  let identity: NodeIdentity;
  let memory: MemoryNetworkNode;
  let api: ApiServer;
  const deferShared = useTeardown('all');
  const simulateShared = useSimulatedNetworks(deferShared);

  before(async () => {
    sim = await simulateShared({
      seed: 'api-files',
      locations: idealLocations(12),
      edges: smallWorldEdges(12, new SeededRng('api-files'), { degree: 4 }),
    });
    identity = await mintIdentity({ difficulty: 4, workers: 0 });
    stopPump = pump(sim);
    deferShared(stopPump);
  });

  beforeEach(async () => {
    memory = new MemoryNetworkNode();
    const { node, store } = sim.nodes[0]!;
    const operations = new CountingOperations(memory as never);
    api = new ApiServer({ node, store, identity, operations, clock: sim.clock, logger: silentLogger, addresses: () => [] }, { token: TOKEN, port: 0 });
    await api.start();
  });

  afterEach(() => api.stop());

  const upload = (port: number, query: string, body: Uint8Array): Promise<Answer> =>
    call(port, 'POST', `/v1/files?${query}`, { 'content-length': String(body.length) }, body);

  it('streams files of 0 B, 1 B, one block and one byte more, and several segments through real nodes, byte for byte', async () => {
    const first = await apiOver(sim, sim.nodes[1]!, identity);
    const second = await apiOver(sim, sim.nodes[7]!, identity);
    try {
      for (const size of [0, 1, 32744, 32745, 200_000]) {
        const content = randomBytes(size);
        const put = await upload(first.port, `name=data-${size}.txt`, content);
        assert.equal(put.status, 200, put.body.toString());
        const answer = json<{ uri: string; size: number; mime: string }>(put);
        assert.match(answer.uri, new RegExp(`^CHK@\\w+,\\w+,1/data-${size}\\.txt$`));
        assert.equal(answer.size, size);
        assert.equal(answer.mime, 'text/plain');
        const got = await call(second.port, 'GET', `/v1/files/${encodeURIComponent(answer.uri)}`);
        assert.equal(got.status, 200, got.body.toString());
        assert.equal(got.headers['content-type'], 'text/plain');
        assert.equal(got.headers['content-length'], String(size));
        assert.equal(got.headers['accept-ranges'], 'bytes');
        assert.ok(Buffer.from(content).equals(got.body), `${size} bytes round-trip`);
      }
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('answers a range with 206 and the slice, across segment boundaries; a range past the end is 416', async () => {
    const content = randomBytes(5 * 32744 + 17);
    const put = await upload(api.port, 'mime=application/x-test&k=1&m=1', content);
    const { uri } = json<{ uri: string }>(put);
    const path = `/v1/files/${uri}`;
    for (const [range, start, end] of [
      ['bytes=0-0', 0, 0],
      ['bytes=32740-65500', 32740, 65500],
      ['bytes=100000-', 100000, content.length - 1],
      ['bytes=-10', content.length - 10, content.length - 1],
      ['bytes=5-999999999', 5, content.length - 1],
    ] as const) {
      const got = await call(api.port, 'GET', path, { range });
      assert.equal(got.status, 206, range);
      assert.equal(got.headers['content-type'], 'application/x-test');
      assert.equal(got.headers['content-range'], `bytes ${start}-${end}/${content.length}`);
      assert.equal(got.headers['content-length'], String(end - start + 1));
      assert.ok(Buffer.from(content.subarray(start, end + 1)).equals(got.body), range);
    }
    const beyond = await call(api.port, 'GET', path, { range: `bytes=${content.length}-` });
    assert.equal(beyond.status, 416);
    assert.equal(errorOf(beyond).code, 'ERR_RANGE_NOT_SATISFIABLE');
    const several = await call(api.port, 'GET', path, { range: 'bytes=0-1,5-6' });
    assert.equal(several.status, 200, 'several ranges: the whole file');
    assert.equal(several.body.length, content.length);
  });

  it("names the file by its manifest's CHK (ETag) and its full-content hash, and keeps a range under If-Range only while the tag matches", async () => {
    const content = randomBytes(3 * 32744);
    const { uri } = json<{ uri: string }>(await upload(api.port, 'name=tagged.bin&k=1&m=1', content));
    const path = `/v1/files/${encodeURIComponent(uri)}`;
    const whole = await call(api.port, 'GET', path);
    const etag = `"${uri.replace(/\/tagged\.bin$/, '')}"`;
    assert.equal(whole.headers.etag, etag);
    assert.equal(whole.headers['x-warren-content-hash'], toHex(hash(CONTENT_HASH_TAG, content)));
    const kept = await call(api.port, 'GET', path, { range: 'bytes=40000-', 'if-range': etag });
    assert.equal(kept.status, 206);
    assert.ok(Buffer.from(content.subarray(40000)).equals(kept.body));
    assert.equal(kept.headers.etag, etag);
    for (const other of ['"CHK@another"', 'Tue, 01 Dec 2026 00:00:00 GMT']) {
      const changed = await call(api.port, 'GET', path, { range: 'bytes=40000-', 'if-range': other });
      assert.equal(changed.status, 200, `If-Range: ${other} does not match: the whole file`);
      assert.ok(Buffer.from(content).equals(changed.body));
    }
  });

  it("lists a transfer in flight with blocks and bytes done and expected, under the caller's id", async () => {
    let release!: () => void;
    memory.gate = new Promise((resolve) => (release = resolve));
    const content = randomBytes(3 * 32744);
    const putting = upload(api.port, 'name=slow.bin&k=3&m=2&id=slow-1', content);
    let listed: TransferStatus | undefined;
    for (let attempt = 0; attempt < 100 && listed?.bytesDone !== content.length; attempt++) {
      await sleep(10);
      listed = json<{ transfers: TransferStatus[] }>(await call(api.port, 'GET', '/v1/transfers')).transfers.find((item) => item.id === 'slow-1');
    }
    assert.ok(listed !== undefined);
    assert.deepEqual(
      { ...listed, elapsedMs: 0 },
      {
        id: 'slow-1',
        kind: 'insert',
        name: 'slow.bin',
        blocksDone: 0,
        blocksTotal: 3 + 2 + 1,
        bytesDone: content.length,
        bytesTotal: content.length,
        elapsedMs: 0,
      },
    );
    const twice = await upload(api.port, 'id=slow-1', new Uint8Array(1));
    assert.equal(twice.status, 400, 'one id, one transfer at a time');
    release();
    assert.equal((await putting).status, 200);
    assert.deepEqual(json<{ transfers: unknown[] }>(await call(api.port, 'GET', '/v1/transfers')).transfers, []);
  });

  it('inserts a directory over files already inserted, lists it, and serves a file by its path', async () => {
    const files = [];
    for (const [path, text] of [
      ['index.html', '<p>hi</p>'],
      ['docs/a.md', '# a'],
      ['docs/b.bin', 'bbb'],
    ] as const) {
      const answer = json<{ uri: string; size: number; mime: string }>(await upload(api.port, `name=${path.split('/').pop()}`, Buffer.from(text)));
      files.push({ path, uri: answer.uri, mime: answer.mime, size: answer.size });
    }
    const made = await call(api.port, 'POST', '/v1/directories', { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ files })));
    assert.equal(made.status, 200, made.body.toString());
    const { uri } = json<{ uri: string }>(made);
    const listing = json<{ files: Array<{ path: string; mime: string; size: number }> }>(await call(api.port, 'GET', `/v1/directories/${uri}`));
    assert.deepEqual(
      listing.files.map(({ path, mime, size }) => [path, mime, size]),
      [
        ['docs/a.md', 'text/markdown', 3],
        ['docs/b.bin', 'application/octet-stream', 3],
        ['index.html', 'text/html', 9],
      ],
    );
    const page = await call(api.port, 'GET', `/v1/files/${uri}/index.html`);
    assert.equal(page.headers['content-type'], 'text/html');
    assert.equal(page.body.toString(), '<p>hi</p>');
    const whole = await call(api.port, 'GET', `/v1/files/${uri}`);
    assert.equal(whole.status, 400);
    assert.equal(errorOf(whole).code, 'ERR_WRONG_KIND');
  });

  it('publishes under a USK insert URI, each time as the next edition; a fetch of an old edition follows the newest', async () => {
    const { insertUri, requestUri } = generateKeys('notes');
    const published = [];
    for (const text of ['first', 'second']) {
      const { uri } = json<{ uri: string }>(await upload(api.port, 'name=notes.txt', Buffer.from(text)));
      const answer = await call(api.port, 'POST', '/v1/publish', {}, Buffer.from(JSON.stringify({ insertUri: insertUri.toString(), uri })));
      assert.equal(answer.status, 200, answer.body.toString());
      published.push(json<{ uri: string }>(answer).uri);
    }
    assert.deepEqual(published, [requestUri.withEdition(0).toString(), requestUri.withEdition(1).toString()]);
    const got = await call(api.port, 'GET', `/v1/files/${encodeURIComponent(requestUri.toString())}`);
    assert.equal(got.body.toString(), 'second');
    assert.equal(got.headers['x-warren-edition'], '1', 'the edition fetched is named');
  });

  it('says why: not found, a request URI to publish with, a bad URI, bad FEC parameters, a bad body', async () => {
    const { uri } = json<{ uri: string }>(await upload(api.port, '', Buffer.from('gone')));
    memory.blocks.clear();
    const missing = await call(api.port, 'GET', `/v1/files/${uri}`);
    assert.equal(missing.status, 404);
    assert.equal(errorOf(missing).code, 'ERR_DATA_NOT_FOUND');
    assert.match(errorOf(missing).message, /not found after 18 hops: the data may have dropped out of the network/);

    const { requestUri } = generateKeys('site');
    const wrongKey = await call(api.port, 'POST', '/v1/publish', {}, Buffer.from(JSON.stringify({ insertUri: requestUri.toString(), uri })));
    assert.equal(wrongKey.status, 400);
    assert.equal(errorOf(wrongKey).code, 'ERR_REQUEST_URI_FOR_INSERT');
    assert.match(errorOf(wrongKey).message, /this is a request URI; inserting needs the insert URI/);

    const badUri = await call(api.port, 'GET', `/v1/files/${uri.slice(0, 20)}`);
    assert.equal(badUri.status, 400);
    assert.equal(errorOf(badUri).code, 'ERR_INVALID_URI');
    for (const query of ['k=0', 'k=129', 'k=200&m=57', 'm=256', 'k=x']) {
      const bad = await upload(api.port, query, new Uint8Array(1));
      assert.equal(bad.status, 400, query);
      assert.match(errorOf(bad).message, /k ≥ 1, m ≥ 0 and k \+ m ≤ 256/);
    }
    const notJson = await call(api.port, 'POST', '/v1/directories', {}, Buffer.from('{'));
    assert.equal(errorOf(notJson).code, 'ERR_BAD_REQUEST');
    assert.equal((await call(api.port, 'GET', '/v1/files')).status, 405);
  });
});
