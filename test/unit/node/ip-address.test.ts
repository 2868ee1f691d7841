import assert from 'node:assert/strict';
import { addressClass, ipHost, ipRange } from '../../../node/ip-address.js';

describe('node/ip-address', () => {
  it('classes IPv4 addresses', () => {
    for (const [address, expected] of [
      ['/ip4/203.0.113.5/tcp/1', 'public'],
      ['/ip4/8.8.8.8/tcp/1', 'public'],
      ['/ip4/172.32.0.1/tcp/1', 'public'],
      ['/ip4/100.128.0.1/tcp/1', 'public'],
      ['/ip4/223.255.255.255/tcp/1', 'public'],
      ['/ip4/10.1.2.3/tcp/1', 'private'],
      ['/ip4/172.16.0.1/tcp/1', 'private'],
      ['/ip4/172.31.255.1/tcp/1', 'private'],
      ['/ip4/192.168.1.5/tcp/1', 'private'],
      ['/ip4/100.64.0.1/tcp/1', 'private'],
      ['/ip4/127.0.0.1/tcp/1', 'loopback'],
      ['/ip4/127.8.9.10/tcp/1', 'loopback'],
      ['/ip4/169.254.3.4/tcp/1', 'link-local'],
      ['/ip4/0.0.0.0/tcp/1', 'unspecified'],
      ['/ip4/0.1.2.3/tcp/1', 'unspecified'],
      ['/ip4/224.0.0.1/tcp/1', 'multicast'],
      ['/ip4/239.255.255.250/tcp/1', 'multicast'],
      ['/ip4/240.0.0.1/tcp/1', 'reserved'],
      ['/ip4/255.255.255.255/tcp/1', 'reserved'],
    ] as const) {
      assert.equal(addressClass(address), expected, address);
    }
  });

  it('classes IPv6 addresses, an IPv4-mapped one as its IPv4 address', () => {
    for (const [address, expected] of [
      ['/ip6/2001:db8::1/tcp/1', 'public'],
      ['/ip6/2a00:1450:4001:81b::200e/tcp/1', 'public'],
      ['/ip6/::/tcp/1', 'unspecified'],
      ['/ip6/::1/tcp/1', 'loopback'],
      ['/ip6/0:0:0:0:0:0:0:1/tcp/1', 'loopback'],
      ['/ip6/::2/tcp/1', 'reserved'],
      ['/ip6/fd12:3456::1/tcp/1', 'private'],
      ['/ip6/fc00::1/tcp/1', 'private'],
      ['/ip6/fe80::1/tcp/1', 'link-local'],
      ['/ip6/febf::1/tcp/1', 'link-local'],
      ['/ip6/ff02::1/tcp/1', 'multicast'],
      ['/ip6/::ffff:127.0.0.1/tcp/1', 'loopback'],
      ['/ip6/::ffff:10.0.0.1/tcp/1', 'private'],
      ['/ip6/::ffff:203.0.113.5/tcp/1', 'public'],
      ['/ip6/::ffff:7f00:1/tcp/1', 'loopback'],
    ] as const) {
      assert.equal(addressClass(address), expected, address);
    }
  });

  it('classes names, the simulator’s addresses and anything else', () => {
    for (const [address, expected] of [
      ['/dns4/example.org/tcp/1', 'name'],
      ['/dns6/example.org/tcp/1', 'name'],
      ['/dns/localhost/tcp/1', 'name'],
      ['/memory/3', 'memory'],
      ['/ip4/300.1.2.3/tcp/1', 'other'],
      ['/ip4/1.2.3/tcp/1', 'other'],
      ['/ip6/1::2::3/tcp/1', 'other'],
      ['/ip6/1:2:3:4:5:6:7/tcp/1', 'other'],
      ['/ip6/::ffff:1.2.3/tcp/1', 'other'],
      ['/unix/tmp/x', 'other'],
      ['ip4/1.2.3.4/tcp/1', 'other'],
      ['', 'other'],
    ] as const) {
      assert.equal(addressClass(address), expected, address);
    }
  });

  it('puts every IP address in its /24 or /48, however it is written', () => {
    assert.equal(ipRange('/ip4/127.0.0.1/tcp/1'), 'ip4/127.0.0');
    assert.equal(ipRange('/ip4/127.0.1.1/tcp/1'), 'ip4/127.0.1');
    assert.equal(ipRange('/ip4/10.1.2.3/tcp/1'), 'ip4/10.1.2');
    assert.equal(ipRange('/ip6/::ffff:10.1.2.3/tcp/1'), 'ip4/10.1.2');
    assert.equal(ipRange('/ip6/2001:0db8:0001:ffff:0:0:0:1/tcp/1'), 'ip6/2001:db8:1');
    assert.equal(ipRange('/ip6/2001:db8::1/tcp/1'), 'ip6/2001:db8:0');
    assert.equal(ipRange('/ip6/::1/tcp/1'), 'ip6/0:0:0');
    assert.equal(ipRange('/dns4/example.org/tcp/1'), undefined);
    assert.equal(ipRange('/memory/1'), undefined);
  });

  it('names a host once, whatever the port or the IPv6 spelling', () => {
    assert.equal(ipHost('/ip4/127.0.0.1/tcp/1'), ipHost('/ip4/127.0.0.1/tcp/2'));
    assert.equal(ipHost('/ip6/::ffff:127.0.0.1/tcp/2'), 'ip4/127.0.0.1');
    assert.equal(ipHost('/ip6/2001:db8::1/tcp/1'), ipHost('/ip6/2001:0db8:0:0:0:0:0:0001/tcp/1'));
    assert.notEqual(ipHost('/ip4/127.0.0.1/tcp/1'), ipHost('/ip4/127.0.0.2/tcp/1'));
    assert.equal(ipHost('/dns4/example.org/tcp/1'), undefined);
  });
});
