import assert from 'node:assert/strict';
import { toHex } from '../../../../../protocol/bytes.js';
import { InvalidUriError } from '../../../../../protocol/errors.js';
import { encodeBase58Fixed } from '../../../../../protocol/keys/base58.js';
import { parseUri } from '../../../../../protocol/keys/index.js';
import { describeUri, generateKeys } from '../../../../../node/app/cli/keys.js';

describe('node/app/cli/keys', () => {
  it('generates a fresh USK key pair at edition 0 under the given name', () => {
    const first = generateKeys('blog');
    assert.equal(first.insertUri.toString().split('/').slice(1).join('/'), 'blog/0');
    assert.equal(first.requestUri.toString(), first.insertUri.toRequestUri().toString());
    assert.notEqual(generateKeys('blog').requestUri.toString(), first.requestUri.toString());
  });

  it('describes a request URI by kind, routing key, location, edition and path', () => {
    const { requestUri } = generateKeys('site');
    const description = describeUri(`${requestUri.toString()}/docs/index.html`);
    assert.equal(description.kind, 'USK');
    assert.equal(description.routingKey, toHex(requestUri.routingKey));
    assert.match(description.location!, /^0\.\d{6}$/);
    assert.equal(description.edition, '0');
    assert.equal(description.path, 'docs/index.html');
  });

  it('describes an insert URI by its request URI and never shows the seed', () => {
    const { insertUri } = generateKeys('site');
    const description = describeUri(insertUri.toString());
    assert.equal(description.requestUri, insertUri.toRequestUri().toString());
    const seedText = insertUri.toString().slice('USK-INSERT@'.length, 'USK-INSERT@'.length + 44);
    assert.ok(!JSON.stringify(description).includes(seedText));
    assert.equal(parseUri(insertUri.toString()).kind, 'USK-INSERT');
    assert.equal(seedText.length, encodeBase58Fixed(new Uint8Array(32)).length);
  });

  it('passes on the parser’s typed error for a bad URI', () => {
    assert.throws(() => describeUri('CHK@nope'), InvalidUriError);
  });
});
