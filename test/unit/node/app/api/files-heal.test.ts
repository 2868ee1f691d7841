import assert from 'node:assert/strict';
import { toHex } from '../../../../../protocol/bytes.js';
import { randomBytes } from '../../../../../protocol/crypto.js';
import { mintIdentity } from '../../../../../protocol/identity-mint.js';
import type { NodeIdentity } from '../../../../../protocol/identity.js';
import { type ApiEndpoint, transferEvents } from '../../../../../node/app/api/client.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import type { NodeStatus } from '../../../../../node/app/api/status.js';
import type { TransferEvent } from '../../../../../node/app/api/transfers.js';
import { Client } from '../../../../../node/client/client.js';
import { Healer } from '../../../../../node/client/healer.js';
import { silentLogger } from '../../../../../node/components.js';
import type { SimulatedNetwork } from '../../../../../sim/simulated-network.js';
import { SeededRng } from '../../../../../sim/rng.js';
import { idealLocations, smallWorldEdges } from '../../../../../sim/topology.js';
import { useSimulatedNetworks } from '../../../../support/simulated-networks.js';
import { useTeardown } from '../../../../support/teardown.js';
import { type Answer, call, errorOf, MemoryNetworkNode, pump, TOKEN } from './support.js';

const json = <T>(answer: Answer): T => JSON.parse(answer.body.toString()) as T;

describe('node/app/api/files: healing and reinsert', () => {
  let sim: SimulatedNetwork;
  let identity: NodeIdentity;
  let memory: MemoryNetworkNode;
  let healer: Healer;
  let api: ApiServer;
  const deferShared = useTeardown('all');
  const simulateShared = useSimulatedNetworks(deferShared);

  before(async () => {
    sim = await simulateShared({ seed: 'api-heal', locations: idealLocations(4), edges: smallWorldEdges(4, new SeededRng('api-heal'), { degree: 2 }) });
    identity = await mintIdentity({ difficulty: 4, workers: 0 });
    deferShared(pump(sim));
  });

  beforeEach(async () => {
    memory = new MemoryNetworkNode();
    const { node, store } = sim.nodes[0]!;
    const operations = new CountingOperations(memory as never);
    healer = new Healer({ node: operations });
    api = new ApiServer({ node, store, identity, operations, healer, clock: sim.clock, logger: silentLogger, addresses: () => [] }, { token: TOKEN, port: 0 });
    await api.start();
  });

  afterEach(() => api.stop());

  /** A file of two segments (k = m = 3) in the one-store network; its content, URI, and its blocks' keys (hex), data then check, segment by segment. */
  async function storedFile() {
    const content = randomBytes(5 * 32744 + 9);
    const put = await call(api.port, 'POST', '/v1/files?name=f.bin&k=3&m=3', { 'content-length': String(content.length) }, content);
    assert.equal(put.status, 200, put.body.toString());
    const { uri } = json<{ uri: string }>(put);
    const { manifest } = await new Client({ node: memory }).resolveFile(uri);
    const blocks = manifest.segments.flatMap((segment) => [...segment.dataBlocks, ...segment.checkBlocks].map((ref) => toHex(ref.routingKey)));
    return { content, uri, blocks };
  }

  /** The events of transfer `id` until its end, collected while `run` makes the call. */
  async function watched(id: string, run: () => Promise<Answer>): Promise<{ answer: Answer; events: TransferEvent[] }> {
    const endpoint: ApiEndpoint = { url: `http://127.0.0.1:${api.port}`, token: TOKEN };
    const stream = await transferEvents(endpoint, id);
    const events: TransferEvent[] = [];
    const reading = (async () => {
      for await (const event of stream) events.push(event);
    })();
    const answer = await run();
    await reading;
    return { answer, events };
  }

  it('inserts again the blocks a fetch rebuilt, after the last byte; the final event and the status count them', async () => {
    const { content, uri, blocks } = await storedFile();
    // Segment 0 is blocks 0..5 (3 data, 3 check): data 0 and 2 gone, and check 0 (block 3), asked for in their place.
    for (const index of [0, 2, 3]) memory.blocks.delete(blocks[index]!);
    const { answer, events } = await watched('heal-1', () => call(api.port, 'GET', `/v1/files/${encodeURIComponent(uri)}?id=heal-1`));
    assert.equal(answer.status, 200);
    assert.ok(Buffer.from(content).equals(answer.body));
    const last = events.at(-1)!;
    assert.equal(last.type, 'done');
    assert.deepEqual(last.transfer.healing, { rebuilt: 3, inserted: 3, failed: 0, dropped: 0, mismatched: 0, pending: 0 });
    for (const index of [0, 2, 3]) assert.ok(memory.blocks.has(blocks[index]!), `block ${index} is back`);
    const status = json<NodeStatus>(await call(api.port, 'GET', '/v1/status'));
    assert.deepEqual(status.healing, last.transfer.healing);
  });

  it('heals nothing with heal=0, and refuses any other value than 0 or 1', async () => {
    const { content, uri, blocks } = await storedFile();
    memory.blocks.delete(blocks[1]!);
    const { answer, events } = await watched('no-heal', () => call(api.port, 'GET', `/v1/files/${encodeURIComponent(uri)}?id=no-heal&heal=0`));
    assert.ok(Buffer.from(content).equals(answer.body));
    assert.equal(events.at(-1)!.transfer.healing, undefined);
    assert.equal(memory.blocks.has(blocks[1]!), false);
    const bad = await call(api.port, 'GET', `/v1/files/${encodeURIComponent(uri)}?heal=yes`);
    assert.equal(bad.status, 400);
    assert.equal(errorOf(bad).code, 'ERR_BAD_REQUEST');
  });

  it('POST /v1/reinsert inserts every block of the file again, and counts them; a directory is refused', async () => {
    const { uri, blocks } = await storedFile();
    // Check blocks a fetch never asks for are put back too.
    const gone = [1, 5, 8, 11];
    for (const index of gone) memory.blocks.delete(blocks[index]!);
    let inserts = 0;
    const insert = memory.insert.bind(memory);
    memory.insert = (...args) => {
      inserts++;
      return insert(...args);
    };
    const { answer, events } = await watched('re-1', () => call(api.port, 'POST', `/v1/reinsert/${encodeURIComponent(uri)}?id=re-1`));
    assert.equal(answer.status, 200, answer.body.toString());
    assert.deepEqual(json(answer), { uri, blocks: blocks.length + 1, inserted: blocks.length + 1, failed: 0, mismatched: 0 });
    assert.equal(inserts, blocks.length + 1);
    for (const index of gone) assert.ok(memory.blocks.has(blocks[index]!), `block ${index} is back`);
    const last = events.at(-1)!;
    assert.deepEqual(
      [last.type, last.transfer.kind, last.transfer.blocksDone, last.transfer.blocksTotal],
      ['done', 'reinsert', blocks.length + 1, blocks.length + 1],
    );

    const directory = await call(
      api.port,
      'POST',
      '/v1/directories',
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ files: [{ path: 'f.bin', uri, mime: 'text/plain', size: 1 }] })),
    );
    const wrong = await call(api.port, 'POST', `/v1/reinsert/${encodeURIComponent(json<{ uri: string }>(directory).uri)}`);
    assert.equal(wrong.status, 400);
    assert.equal(errorOf(wrong).code, 'ERR_WRONG_KIND');
  });
});
