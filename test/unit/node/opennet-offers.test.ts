import assert from 'node:assert/strict';
import type { NodeRef } from '../../../protocol/wire/messages.js';
import { dialableFrom, OfferDials, ownAddresses, resolveOfferDials } from '../../../node/opennet-offers.js';
import { VirtualClock } from '../../../sim/clock.js';

const MINUTE = 60_000;
const node = (...addresses: string[]): NodeRef => ({ publicKey: new Uint8Array(32), powNonce: new Uint8Array(8), addresses });

describe('node/opennet-offers', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(resolveOfferDials({}), {
      maxOfferAddresses: 2,
      offerDialsPerMinute: 30,
      offerDialsPerPeerPerMinute: 8,
      offerAddressWindowMs: 10 * MINUTE,
    });
  });

  it('dials public addresses offered over any link, private and loopback ones only inside the link’s own range', () => {
    const cases: Array<[string, string | undefined, boolean]> = [
      ['/ip4/203.0.113.5/tcp/7400', '/ip4/198.51.100.7/tcp/40000', true],
      ['/ip6/2001:db8:5::1/tcp/7400', '/ip4/198.51.100.7/tcp/40000', true],
      ['/ip4/203.0.113.5/tcp/7400', undefined, true],
      ['/ip4/203.0.113.5/tcp/7400', '/ip4/127.0.0.1/tcp/40000', true],
      // Never a private or loopback address from a public peer.
      ['/ip4/127.0.0.1/tcp/22', '/ip4/198.51.100.7/tcp/40000', false],
      ['/ip4/10.0.0.1/tcp/22', '/ip4/198.51.100.7/tcp/40000', false],
      ['/ip4/192.168.1.1/tcp/80', '/ip4/198.51.100.7/tcp/40000', false],
      ['/ip6/::1/tcp/22', '/ip6/2001:db8::7/tcp/40000', false],
      ['/ip6/fd00::1/tcp/22', '/ip6/2001:db8::7/tcp/40000', false],
      ['/ip4/10.0.0.1/tcp/22', undefined, false],
      // Within the link's own /24 (or /48), of the same class.
      ['/ip4/127.0.0.1/tcp/7401', '/ip4/127.0.0.1/tcp/40000', true],
      ['/ip4/127.0.0.9/tcp/7401', '/ip4/127.0.0.1/tcp/40000', true],
      ['/ip4/127.0.1.1/tcp/7401', '/ip4/127.0.0.1/tcp/40000', false],
      ['/ip4/10.1.2.9/tcp/7400', '/ip4/10.1.2.3/tcp/40000', true],
      ['/ip4/10.1.3.9/tcp/7400', '/ip4/10.1.2.3/tcp/40000', false],
      ['/ip4/127.0.0.1/tcp/7400', '/ip4/10.1.2.3/tcp/40000', false],
      ['/ip4/10.1.2.9/tcp/7400', '/ip4/127.0.0.1/tcp/40000', false],
      ['/ip6/fd00:1:2::9/tcp/7400', '/ip6/fd00:1:2::3/tcp/40000', true],
      // Never dialled from an offer at all.
      ['/ip4/169.254.1.1/tcp/1', '/ip4/169.254.1.2/tcp/40000', false],
      ['/ip6/fe80::1/tcp/1', '/ip6/fe80::2/tcp/40000', false],
      ['/ip4/224.0.0.1/tcp/1', '/ip4/224.0.0.2/tcp/40000', false],
      ['/ip4/255.255.255.255/tcp/1', '/ip4/198.51.100.7/tcp/40000', false],
      ['/ip4/0.0.0.0/tcp/1', '/ip4/0.0.0.1/tcp/40000', false],
      ['/ip6/::/tcp/1', '/ip4/198.51.100.7/tcp/40000', false],
      ['/dns4/localhost/tcp/22', '/ip4/127.0.0.1/tcp/40000', false],
      ['/dns/example.org/tcp/7400', '/ip4/198.51.100.7/tcp/40000', false],
      ['/ip4/300.1.2.3/tcp/1', '/ip4/198.51.100.7/tcp/40000', false],
      // The simulator's addresses, between simulated nodes only.
      ['/memory/7', '/memory/3', true],
      ['/memory/7', '/ip4/198.51.100.7/tcp/40000', false],
    ];
    for (const [address, link, expected] of cases) assert.equal(dialableFrom(address, link), expected, `${address} offered over ${link}`);
  });

  it('keeps of a self-offer only the addresses at its link’s host, whatever the port; all of them when the host is unknown', () => {
    const offered = node('/ip4/198.51.100.7/tcp/7400', '/ip4/203.0.113.5/tcp/7400', '/ip4/198.51.100.7/tcp/7401', '/ip4/10.0.0.1/tcp/7400');
    assert.deepEqual(ownAddresses(offered, '/ip4/198.51.100.7/tcp/40000'), ['/ip4/198.51.100.7/tcp/7400', '/ip4/198.51.100.7/tcp/7401']);
    assert.deepEqual(ownAddresses(offered, '/ip4/192.0.2.1/tcp/40000'), []);
    assert.deepEqual(ownAddresses(node('/ip4/127.0.0.1/tcp/7400'), '/ip6/::ffff:127.0.0.1/tcp/40000'), ['/ip4/127.0.0.1/tcp/7400']);
    assert.deepEqual(ownAddresses(offered, undefined), offered.addresses);
    assert.deepEqual(ownAddresses(node('/memory/1'), '/memory/1'), ['/memory/1']);
  });

  it('lists at most maxOfferAddresses dialable addresses, none dialled within the window or in flight', async () => {
    const clock = new VirtualClock();
    const dials = new OfferDials({ clock }, resolveOfferDials({ offerAddressWindowMs: 10 * MINUTE }));
    const link = '/ip4/198.51.100.7/tcp/40000';
    const offered = node('/ip4/10.0.0.1/tcp/1', '/ip4/203.0.113.1/tcp/1', '/ip4/203.0.113.2/tcp/1', '/ip4/203.0.113.3/tcp/1');
    assert.deepEqual(dials.targets(offered, link), ['/ip4/203.0.113.1/tcp/1', '/ip4/203.0.113.2/tcp/1']);
    dials.dialling('/ip4/203.0.113.1/tcp/1');
    assert.deepEqual(dials.targets(offered, link), ['/ip4/203.0.113.2/tcp/1', '/ip4/203.0.113.3/tcp/1']);
    await clock.advance(10 * MINUTE);
    assert.deepEqual(dials.targets(offered, link), ['/ip4/203.0.113.2/tcp/1', '/ip4/203.0.113.3/tcp/1'], 'in flight, however long');
    dials.done('/ip4/203.0.113.1/tcp/1');
    assert.deepEqual(dials.targets(offered, link), ['/ip4/203.0.113.1/tcp/1', '/ip4/203.0.113.2/tcp/1'], 'done, and the window is over');
  });

  it('takes dials from a budget per node and one per offering peer, refilled over a minute', async () => {
    const clock = new VirtualClock();
    const dials = new OfferDials({ clock }, resolveOfferDials({ offerDialsPerMinute: 5, offerDialsPerPeerPerMinute: 3 }));
    const taken = (peer: string, times: number) => Array.from({ length: times }, () => dials.take(peer)).filter(Boolean).length;
    assert.equal(taken('a', 10), 3, "a's budget");
    assert.equal(taken('b', 10), 2, "what is left of the node's");
    assert.equal(taken('c', 1), 0);
    await clock.advance(MINUTE / 5);
    assert.equal(taken('c', 10), 1, 'a fifth of a minute brings one dial back');
    await clock.advance(MINUTE);
    assert.equal(taken('a', 10), 3);
  });
});
