import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeChk } from '../../protocol/keys/chk.js';
import { mintIdentity } from '../../protocol/identity.js';
import { CryptoRng, silentLogger, SystemClock } from '../../node/components.js';
import { TcpTransport } from '../../node/net/tcp-transport.js';
import { Node } from '../../node/node.js';
import { MemoryBlockStore } from '../../store/memory-block-store.js';
import { startFloodPeer } from './flood-peer.js';

const DIFFICULTY = 8;
const FLOOD_PER_SECOND = 8_000;
const WINDOW_MS = 3_000;
/** Each honest peer asks at this rate, with at most MAX_IN_FLIGHT fetches outstanding (spec/routing.md §8: well inside its budget). */
const HONEST_PER_SECOND = 300;
const MAX_IN_FLIGHT = 32;
const BLOCKS = 200;

interface RealNode {
  readonly node: Node;
  readonly transport: TcpTransport;
  readonly store: MemoryBlockStore;
}

async function startNode(): Promise<RealNode> {
  const identity = await mintIdentity({ difficulty: DIFFICULTY });
  const clock = new SystemClock();
  const transport = new TcpTransport({ identity, clock, logger: silentLogger }, { listen: ['/ip4/127.0.0.1/tcp/0'], powDifficulty: DIFFICULTY });
  const store = new MemoryBlockStore({}, { nodeLocation: identity.location });
  const node = new Node({ transport, store, clock, rng: new CryptoRng() }, { location: identity.location });
  await node.start();
  return { node, transport, store };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = performance.now() + 5_000; !condition(); await sleep(5)) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/**
 * Each client asks for random blocks at HONEST_PER_SECOND for WINDOW_MS, never with more than
 * MAX_IN_FLIGHT outstanding (a slow node therefore gets fewer): blocks returned per second in
 * the window, all clients together, and failures.
 */
async function fetchRate(clients: readonly Node[], keys: readonly Uint8Array[]): Promise<{ perSecond: number; failed: number }> {
  const startedAt = performance.now();
  let ok = 0;
  let failed = 0;
  const pending: Array<Promise<void>> = [];
  await Promise.all(clients.map(async (client) => {
    let asked = 0;
    let inFlight = 0;
    for (let now = startedAt; now < startedAt + WINDOW_MS; now = performance.now()) {
      for (const due = Math.floor(((now - startedAt) * HONEST_PER_SECOND) / 1000); asked < due && inFlight < MAX_IN_FLIGHT; asked++) {
        inFlight++;
        pending.push(client.request(keys[Math.floor(Math.random() * keys.length)]!).then(
          () => void (performance.now() < startedAt + WINDOW_MS && ok++),
          () => void failed++,
        ).finally(() => inFlight--));
      }
      await sleep(2);
    }
  }));
  await Promise.all(pending);
  return { perSecond: (ok * 1000) / WINDOW_MS, failed };
}

describe('flood over TCP (real nodes, wall time)', function () {
  this.timeout(60_000);
  const nodes: RealNode[] = [];

  after(async () => {
    for (const { node } of nodes) await node.stop();
  });

  it('refuses a peer flooding at 8,000 requests/s while two honest peers keep fetching', async () => {
    // Two honest peers fetch blocks the target holds; then a third peer floods the target.
    const [target, ...clients] = [await startNode(), await startNode(), await startNode()];
    nodes.push(target!, ...clients);
    const chks = Array.from({ length: BLOCKS }, (_, index) => encodeChk(new TextEncoder().encode(`flood tcp ${index}`)));
    for (const { routingKey, block } of chks) await target!.store.put(routingKey, block, { partition: 'store' });
    for (const client of clients) await client.transport.dial(target!.transport.addresses[0]!);
    await until(() => target!.node.peers.size === 2, 'the client links');
    const keys = chks.map(({ routingKey }) => routingKey);
    const honest = clients.map(({ node }) => node);

    const quiet = await fetchRate(honest, keys);
    const flooder = await startFloodPeer({ address: target!.transport.addresses[0]!, difficulty: DIFFICULTY, perSecond: FLOOD_PER_SECOND });
    await until(() => target!.node.peers.size === 3, 'the flooder link');
    let maxActive = 0;
    let maxFlooderRoutes = 0;
    const sampler = setInterval(() => {
      maxActive = Math.max(maxActive, target!.node.activeTransactions);
      maxFlooderRoutes = Math.max(maxFlooderRoutes, target!.node.load.routesOf(flooder.peerId));
    }, 10);
    const flooded = await fetchRate(honest, keys);
    clearInterval(sampler);
    const flood = await flooder.stop();

    const ratio = flooded.perSecond / quiet.perSecond;
    console.log(`      honest fetches: unflooded ${quiet.perSecond.toFixed(0)}/s (${quiet.failed} failed), flooded ${flooded.perSecond.toFixed(0)}/s (${flooded.failed} failed), ratio ${ratio.toFixed(3)}`);
    console.log(`      flooder: ${(flood.sent / flood.seconds).toFixed(0)} requests/s sent, ${flood.rejectedOverload} RejectedOverload, ${flood.otherReplies} other replies; ` +
      `target: at most ${maxActive} routes, ${maxFlooderRoutes} of them the flooder's`);

    assert.ok(flood.sent / flood.seconds >= FLOOD_PER_SECOND * 0.95, 'the flooder did not reach its rate');
    assert.ok(flood.rejectedOverload > 0.5 * flood.sent, `only ${flood.rejectedOverload} of ${flood.sent} refused`);
    assert.ok(maxFlooderRoutes <= target!.node.load.routesPerPeer);
    assert.ok(maxActive <= 1_000);
    assert.ok(ratio >= 0.8, 'honest fetches fell below 80% of the unflooded figure');
  });
});
