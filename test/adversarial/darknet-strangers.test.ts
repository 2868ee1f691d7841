/**
 * A node in darknet mode over real TCP on loopback (spec/node.md §5): a stranger with a valid proof of
 * work, built from the real transport, is refused right after the Noise handshake, whichever side
 * dials; a friend whose reference was added is linked.
 */
import assert from 'node:assert/strict';
import { CryptoRng, silentLogger, SystemClock } from '../../node/components.js';
import { FriendList } from '../../node/friends.js';
import { NotAFriendError } from '../../node/net/errors.js';
import { TcpTransport } from '../../node/net/tcp-transport.js';
import { Node } from '../../node/node.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import { MemoryBlockStore } from '../../store/memory-block-store.js';
import { DIFFICULTY } from '../support/flood-setup.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

interface Started {
  readonly identity: NodeIdentity;
  readonly transport: TcpTransport;
  readonly node: Node;
}

describe('adversarial: a darknet node and strangers', function () {
  // A hang guard: nothing here depends on how long anything takes.
  this.timeout(120_000);
  const defer = useTeardown();

  async function start(identity: NodeIdentity, friends?: FriendList): Promise<Started> {
    const clock = new SystemClock();
    const transport = new TcpTransport(
      { identity, clock, logger: silentLogger, ...(friends ? { admission: friends } : {}) },
      { listen: ['/ip4/127.0.0.1/tcp/0'], powDifficulty: DIFFICULTY },
    );
    const store = new MemoryBlockStore({}, { nodeLocation: identity.location });
    const node = new Node({ transport, store, clock, rng: new CryptoRng() }, { location: identity.location });
    await node.start();
    defer(() => node.stop());
    return { identity, transport, node };
  }

  const reference = ({ identity, transport }: Started) => ({ publicKey: identity.publicKey, powNonce: identity.nonce, addresses: [...transport.addresses] });

  it('refuses a stranger that dials it and one it dials, and links with a friend', async () => {
    const [darkIdentity, friendIdentity, strangerIdentity] = await Promise.all([1, 2, 3].map(() => mintIdentity({ difficulty: DIFFICULTY })));
    const friends = new FriendList({ powDifficulty: DIFFICULTY });
    const dark = await start(darkIdentity!, friends);
    const friend = await start(friendIdentity!);
    const stranger = await start(strangerIdentity!);
    friends.add(reference(friend));

    // A stranger with a valid identity dials: the darknet node closes the link after Noise, before Hello.
    await assert.rejects(stranger.transport.dial(dark.transport.addresses[0]!));
    // The darknet node dials the stranger: refused on its own side, with the typed error.
    await assert.rejects(dark.transport.dial(stranger.transport.addresses[0]!), NotAFriendError);

    await friend.transport.dial(dark.transport.addresses[0]!);
    await until(() => dark.node.peers.size === 1 && friend.node.peers.size === 1, 'the friend link');
    assert.deepEqual(
      [...dark.node.peers].map((peer) => peer.id),
      [friends.list().map((node) => Buffer.from(node.publicKey).toString('hex'))[0]],
    );
    assert.equal(stranger.node.peers.size, 0);
  });

  it('a friend removed is refused from then on', async () => {
    const [darkIdentity, friendIdentity] = await Promise.all([1, 2].map(() => mintIdentity({ difficulty: DIFFICULTY })));
    const friends = new FriendList({ powDifficulty: DIFFICULTY });
    const dark = await start(darkIdentity!, friends);
    const friend = await start(friendIdentity!);
    const id = friends.add(reference(friend));
    friends.remove(id);
    await assert.rejects(friend.transport.dial(dark.transport.addresses[0]!));
    assert.equal(dark.node.peers.size, 0);
  });
});
