import assert from 'node:assert/strict';
import { circularDistance, keyLocation } from '../../../protocol/location.js';
import { type Logger, silentLogger } from '../../../node/components.js';
import { keyText, peerText, requestFields, txText } from '../../../node/log-fields.js';
import { createSimulatedNetwork, type SimulatedNetwork } from '../../../sim/simulated-network.js';
import { GREEDY_FROM_ORIGINATOR } from '../../support/simulated-networks.js';
import { chkNear } from '../../support/node-fixtures.js';
import { type LogRecord, RecordingLogger } from '../../support/recording-logger.js';

const key = chkNear(0.5);

/** 0 (0.1) links to 1 (0.48, a dead end) and 2 (0.25); 2 → 3 (0.4) → 4 (0.5, holds the block). */
async function backtrackingNetwork(logger: Logger): Promise<SimulatedNetwork> {
  const sim = await createSimulatedNetwork({
    seed: 'log-fields',
    locations: [0.1, 0.48, 0.25, 0.4, 0.5],
    edges: [
      [0, 1],
      [0, 2],
      [2, 3],
      [3, 4],
    ],
    logger,
    node: GREEDY_FROM_ORIGINATOR,
  });
  await sim.nodes[4]!.store.put(key.routingKey, key.block, { partition: 'store' });
  return sim;
}

describe('node/log-fields', () => {
  it('names a tx in 16 hex digits, a key by its first 4 bytes and a peer by its first 8 hex digits, or the origin as local', () => {
    assert.equal(txText(0xabcn), '0000000000000abc');
    assert.equal(keyText(Uint8Array.of(1, 2, 3, 4, 5)), '01020304');
    assert.equal(peerText('0123456789abcdef'), '01234567');
    assert.deepEqual(requestFields(1n, Uint8Array.of(255, 0, 0, 0), 'feedfacecafe'), { tx: '0000000000000001', key: 'ff000000', peer: 'feedface' });
    assert.deepEqual(requestFields(1n, Uint8Array.of(255, 0, 0, 0), undefined), { tx: '0000000000000001', key: 'ff000000', origin: 'local' });
  });

  it('lets one fetch be followed hop by hop through five nodes by its tx, every line with its key and peer', async () => {
    const logger = new RecordingLogger();
    const sim = await backtrackingNetwork(logger);
    const name = new Map(sim.nodes.map(({ transport }, index) => [peerText(transport.peer.id), index]));
    logger.records.length = 0; // the links coming up
    const fetched = sim.nodes[0]!.node.request(key.routingKey);
    await sim.clock.run();
    assert.deepEqual(await fetched, key.block);

    const aboutRequests = logger.records.filter((record) => record.tx !== undefined || ['route', 'transactions'].includes(record.component as string));
    assert.ok(aboutRequests.length > 0);
    for (const record of aboutRequests) {
      assert.match(String(record.tx), /^[0-9a-f]{16}$/, record.msg);
      assert.equal(record.key, keyText(key.routingKey), record.msg);
      assert.ok(record.origin === 'local' || name.has(String(record.peer)), `${record.msg}: a peer, or origin local`);
      assert.ok(name.has(String(record.node)), `${record.msg}: the node that wrote it`);
    }

    const opened = aboutRequests.find((record) => record.msg === 'tx opened' && record.origin === 'local');
    const hops = aboutRequests
      .filter((record: LogRecord) => record.tx === opened?.tx)
      .map((record) => `${name.get(String(record.node))}: ${record.msg}${record.peer === undefined ? '' : ` (${name.get(String(record.peer))})`}`);
    assert.deepEqual(hops, [
      '0: tx opened',
      '0: sent dataRequest (1)',
      '1: tx opened (0)',
      '1: no peer left to try (0)',
      '1: tx closed (0)',
      '0: reply routeNotFound (1)',
      '0: backtracking: sent dataRequest (2)',
      '2: tx opened (0)',
      '2: sent dataRequest (3)',
      '3: tx opened (2)',
      '3: sent dataRequest (4)',
      '4: found in the store: sent dataFound (3)',
      '3: reply dataFound (4)',
      '3: tx closed (2)',
      '2: reply dataFound (3)',
      '2: tx closed (0)',
      '0: reply dataFound (2)',
      '0: tx closed',
    ]);
    const sent = aboutRequests.find((record) => record.msg === 'backtracking: sent dataRequest');
    assert.deepEqual(
      { attempt: sent?.attempt, peerLocation: sent?.peerLocation, distance: sent?.distance, component: sent?.component },
      { attempt: 2, peerLocation: 0.25, distance: Number(circularDistance(0.25, keyLocation(key.routingKey)).toFixed(6)), component: 'route' },
    );
    await sim.stop();
  });

  it('builds no request line when debug is off', async () => {
    const refuse = (): never => assert.fail('a debug line was written while debug is off');
    const quiet: Logger = { ...silentLogger, debug: refuse, child: () => quiet };
    const sim = await backtrackingNetwork(quiet);
    const fetched = sim.nodes[0]!.node.request(key.routingKey);
    await sim.clock.run();
    assert.deepEqual(await fetched, key.block);
    await sim.stop();
  });
});
