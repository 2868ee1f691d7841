import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { randomBytes } from '../../../protocol/crypto.js';
import { InvalidUriError } from '../../../protocol/errors.js';
import { encodeBase58Fixed } from '../../../protocol/keys/base58.js';
import { sskRoutingKey } from '../../../protocol/keys/ssk.js';
import { ChkUri, SskInsertUri, SskUri, UskInsertUri, UskUri } from '../../../protocol/keys/uri.js';

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const pathSegment = fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => !/[/\u0000-\u001f\u007f]/.test(s) && s !== '.' && s !== '..');

describe('protocol/keys/uri', () => {
  it('formats a CHK with its version and a percent-encoded file name', () => {
    const uri = new ChkUri(new Uint8Array(32), new Uint8Array(32).fill(255), ["it's (a) file!.txt"]);
    assert.equal(uri.toString(), `CHK@${'1'.repeat(44)},JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFG,1/it%27s%20%28a%29%20file%21.txt`);
  });

  it('keeps formatted URIs free of shell metacharacters', () => {
    fc.assert(
      fc.property(key32, key32, fc.array(pathSegment, { maxLength: 3 }), (routingKey, cryptoKey, path) => {
        assert.match(new ChkUri(routingKey, cryptoKey, path).toString(), /^[A-Za-z0-9@,/%._~-]+$/);
      }),
    );
  });

  it('maps a USK edition to its SSK and keeps the path', () => {
    const keys = { publicKey: randomBytes(32), symmetricKey: randomBytes(32) };
    const usk = new UskUri(keys, 'site', 4, ['index.html']);
    const ssk = usk.toSskUri();
    assert.equal(ssk.docName, 'site-4');
    assert.deepEqual(ssk.path, ['index.html']);
    assert.deepEqual(ssk.routingKey, sskRoutingKey(keys, 'site-4'));
    assert.equal(usk.withEdition(5).edition, 5);
  });

  it('derives the request URI from the insert URI', () => {
    const insert = new SskInsertUri(randomBytes(32), 'doc');
    const request = insert.toRequestUri();
    assert.ok(request instanceof SskUri);
    assert.deepEqual(request.keys.publicKey, insert.writeKeys().publicKey);
    assert.ok(insert.toString().startsWith('SSK-INSERT@'));
    assert.ok(request.toString().startsWith('SSK@'));
  });

  it('never leaks the private key when printing a request URI, or an insert URI by accident', () => {
    const seed = randomBytes(32);
    const secret = encodeBase58Fixed(seed);
    for (const insert of [new SskInsertUri(seed, 'doc'), new UskInsertUri(seed, 'site', 1)]) {
      const request = insert.toRequestUri();
      const printings = [
        request.toString(),
        inspect(request, { depth: 9 }),
        JSON.stringify(request),
        inspect(insert, { depth: 9 }),
        JSON.stringify({ insert }),
      ];
      for (const printed of [...printings, `${inspect({ insert })}`]) {
        assert.ok(!printed.includes(secret), printed);
        assert.ok(!printed.includes(Buffer.from(seed).toString('hex')), printed);
      }
      assert.ok(insert.toString().includes(secret), 'toString() shows the insert URI to its owner');
    }
  });

  it('refuses keys of the wrong length and invalid names at construction', () => {
    assert.throws(() => new ChkUri(new Uint8Array(31), new Uint8Array(32)), /routing key must be 32 bytes/);
    assert.throws(() => new SskUri({ publicKey: new Uint8Array(32), symmetricKey: new Uint8Array(32) }, ''), InvalidUriError);
    assert.throws(() => new UskUri({ publicKey: new Uint8Array(32), symmetricKey: new Uint8Array(32) }, 's', -1), /edition/);
    assert.throws(() => new ChkUri(new Uint8Array(32), new Uint8Array(32), ['..']), /'\.\.' is reserved/);
  });
});
