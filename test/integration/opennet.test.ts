import assert from 'node:assert/strict';
import { CryptoRng, silentLogger, SystemClock } from '../../node/components.js';
import { TcpTransport } from '../../node/net/tcp-transport.js';
import { Node } from '../../node/node.js';
import { toHex } from '../../protocol/bytes.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { MemoryBlockStore } from '../../store/memory-block-store.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

const DIFFICULTY = 8;

async function startNode(): Promise<{ node: Node; transport: TcpTransport; id: string }> {
  const identity = await mintIdentity({ difficulty: DIFFICULTY });
  const clock = new SystemClock();
  const transport = new TcpTransport({ identity, clock, logger: silentLogger }, { listen: ['/ip4/127.0.0.1/tcp/0'], powDifficulty: DIFFICULTY });
  const store = new MemoryBlockStore({}, { nodeLocation: identity.location });
  const node = new Node(
    { transport, store, clock, rng: new CryptoRng() },
    { location: identity.location, identity: { publicKey: identity.publicKey, powNonce: identity.nonce }, powDifficulty: DIFFICULTY },
  );
  await node.start();
  return { node, transport, id: toHex(identity.publicKey) };
}

describe('opennet over TCP on loopback', () => {
  const defer = useTeardown();

  async function started(): Promise<{ node: Node; transport: TcpTransport; id: string }> {
    const real = await startNode();
    defer(() => real.node.stop());
    return real;
  }

  it('a node joining through a seed is offered, verifies and dials the node beyond it', async () => {
    const [seed, other, newcomer] = [await started(), await started(), await started()];
    await seed.transport.dial(other.transport.addresses[0]!);
    const { connected, offers } = await newcomer.node.join({ seeds: [seed.transport.addresses[0]!] });
    assert.equal(connected, 1);
    assert.equal(offers, 1);
    await until(() => newcomer.node.peers.get(other.id) !== undefined, 'the link to the offered node');
    assert.deepEqual(
      newcomer.node
        .knownPeers()
        .map(({ publicKey }) => toHex(publicKey))
        .sort(),
      [seed.id, other.id].sort(),
    );
  });
});
