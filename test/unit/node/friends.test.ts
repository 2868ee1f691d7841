import assert from 'node:assert/strict';
import { TooManyFriendsError } from '../../../node/errors.js';
import { FriendList } from '../../../node/friends.js';
import { toHex } from '../../../protocol/bytes.js';
import { InvalidIdentityError } from '../../../protocol/errors.js';
import { mintIdentity } from '../../../protocol/identity-mint.js';

const DIFFICULTY = 4;

async function reference(addresses: string[] = []) {
  const identity = await mintIdentity({ difficulty: DIFFICULTY });
  return { publicKey: identity.publicKey, powNonce: identity.nonce, addresses };
}

describe('node/friends', () => {
  it('admits exactly the friends added, by public key, and updates a friend added again', async () => {
    const friends = new FriendList({ powDifficulty: DIFFICULTY });
    const friend = await reference(['/ip4/127.0.0.1/tcp/1']);
    const id = friends.add(friend);
    assert.equal(id, toHex(friend.publicKey));
    assert.equal(friends.admits(id), true);
    assert.equal(friends.admits(toHex((await reference()).publicKey)), false);
    friends.add({ ...friend, addresses: ['/ip4/127.0.0.1/tcp/2'] });
    assert.deepEqual(
      friends.list().map((node) => node.addresses),
      [['/ip4/127.0.0.1/tcp/2']],
    );
    assert.equal(friends.remove(id), true);
    assert.equal(friends.admits(id), false);
  });

  it('refuses a reference whose proof of work does not meet the difficulty', async () => {
    const friends = new FriendList({ powDifficulty: 40 });
    await assert.rejects(async () => friends.add(await reference()), InvalidIdentityError);
  });

  it('keeps at most its bound of friends', async () => {
    const friends = new FriendList({ powDifficulty: DIFFICULTY, maxFriends: 2 });
    friends.add(await reference());
    friends.add(await reference());
    await assert.rejects(async () => friends.add(await reference()), TooManyFriendsError);
  });
});
