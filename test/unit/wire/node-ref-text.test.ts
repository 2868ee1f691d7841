import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidNodeRefError } from '../../../protocol/errors.js';
import { formatNodeRef, MAX_NODE_REF_TEXT_BYTES, NODE_REF_HEADER, parseNodeRef } from '../../../protocol/wire/node-ref-text.js';

const node = { publicKey: new Uint8Array(32).fill(7), powNonce: new Uint8Array(8).fill(1), addresses: ['/ip4/127.0.0.1/tcp/9301', '/ip6/::1/tcp/9301'] };

describe('protocol/node-ref-text', () => {
  it('prints a node reference as lines a person can read and parses it back', () => {
    const text = formatNodeRef(node);
    assert.equal(
      text,
      `${NODE_REF_HEADER}\npublic-key ${'07'.repeat(32)}\npow-nonce ${'01'.repeat(8)}\naddress /ip4/127.0.0.1/tcp/9301\naddress /ip6/::1/tcp/9301\n`,
    );
    assert.deepEqual(parseNodeRef(text), node);
  });

  it('round-trips any valid reference, and tolerates CRLF, blank lines and comments', () => {
    const address = fc.stringMatching(/^\/[\x21-\x7e]{0,40}$/);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.array(address, { maxLength: 8 }),
        (publicKey, powNonce, addresses) => {
          const reference = { publicKey, powNonce, addresses };
          const text = `# from a friend\r\n\r\n${formatNodeRef(reference).replaceAll('\n', '\r\n')}`;
          assert.deepEqual(parseNodeRef(text), reference);
        },
      ),
    );
  });

  it('refuses what is not a node reference, saying why', () => {
    const good = formatNodeRef(node);
    const bad = [
      '',
      'hello',
      good.replace(NODE_REF_HEADER, 'warren-noderef 2'),
      good.replace(/public-key .*\n/, ''),
      good.replace(/pow-nonce .*\n/, 'pow-nonce 0102\n'),
      good.replace(/public-key .*\n/, 'public-key zz\n'),
      `${good}colour blue\n`,
      `${good}public-key ${'00'.repeat(32)}\n`,
      `${good}address not-a-multiaddr\n`,
      `${good}${'address /ip4/127.0.0.1/tcp/1\n'.repeat(8)}`,
      `${good}#${'x'.repeat(MAX_NODE_REF_TEXT_BYTES)}`,
    ];
    for (const text of bad) assert.throws(() => parseNodeRef(text), InvalidNodeRefError, JSON.stringify(text.slice(0, 120)));
  });
});
