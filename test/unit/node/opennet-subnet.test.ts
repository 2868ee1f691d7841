import assert from 'node:assert/strict';
import { addressRange, nodeRange } from '../../../node/opennet-subnet.js';

describe('node/opennet-subnet', () => {
  it('puts an IPv4 address in its /24', () => {
    assert.equal(addressRange('/ip4/192.0.2.7/tcp/9301'), 'ip4/192.0.2');
    assert.equal(addressRange('/ip4/192.0.2.200/tcp/1'), 'ip4/192.0.2');
    for (const [address, range] of [
      ['/ip4/172.32.0.1/tcp/1', 'ip4/172.32.0'],
      ['/ip4/100.128.0.1/tcp/1', 'ip4/100.128.0'],
      ['/ip4/192.169.0.1/tcp/1', 'ip4/192.169.0'],
    ]) {
      assert.equal(addressRange(address!), range, 'just outside a private range');
    }
    assert.notEqual(addressRange('/ip4/192.0.3.7/tcp/9301'), addressRange('/ip4/192.0.2.7/tcp/9301'));
  });

  it('puts an IPv6 address in its /48, however it is written', () => {
    assert.equal(addressRange('/ip6/2001:db8:1:2::7/tcp/9301'), 'ip6/2001:db8:1');
    assert.equal(addressRange('/ip6/2001:0db8:0001:ffff:0:0:0:1/tcp/9301'), 'ip6/2001:db8:1');
    assert.equal(addressRange('/ip6/2001:db8::1/tcp/9301'), 'ip6/2001:db8:0');
    assert.notEqual(addressRange('/ip6/2001:db8:2::7/tcp/1'), addressRange('/ip6/2001:db8:1::7/tcp/1'));
  });

  it('exempts loopback, private, link-local, in-process, name-based and malformed addresses', () => {
    for (const address of [
      '/ip4/127.0.0.1/tcp/9301',
      '/ip4/127.8.9.10/tcp/1',
      '/ip6/::1/tcp/9301',
      '/ip6/::/tcp/1',
      '/memory/3',
      '/dns4/example.org/tcp/9301',
      '/ip4/10.1.2.3/tcp/1',
      '/ip4/172.16.0.1/tcp/1',
      '/ip4/172.31.9.9/tcp/1',
      '/ip4/192.168.1.5/tcp/1',
      '/ip4/169.254.3.4/tcp/1',
      '/ip4/100.64.0.1/tcp/1',
      '/ip4/0.0.0.0/tcp/1',
      '/ip6/fd12:3456::1/tcp/1',
      '/ip6/fe80::1/tcp/1',
      '/ip4/300.1.2.3/tcp/1',
      '/ip4/1.2.3/tcp/1',
      '/ip6/1::2::3/tcp/1',
      '/ip6/1:2:3:4:5:6:7/tcp/1',
      '',
    ]) {
      assert.equal(addressRange(address), undefined, address);
    }
  });

  it('takes the first address of a node that is in a range', () => {
    assert.equal(nodeRange(['/ip4/127.0.0.1/tcp/1', '/ip4/192.168.1.5/tcp/1', '/ip4/198.51.100.4/tcp/1', '/ip4/203.0.113.9/tcp/1']), 'ip4/198.51.100');
    assert.equal(nodeRange(['/memory/1']), undefined);
    assert.equal(nodeRange([]), undefined);
  });
});
