import assert from 'node:assert/strict';
import { classifyUrl, leavingPath, linkTarget, resourceTarget } from '../../../../../node/app/gateway/urls.js';
import { DOCUMENT_PATH } from './support.js';

const SITE = DOCUMENT_PATH.slice(0, DOCUMENT_PATH.lastIndexOf('/') + 1);
const KEY = DOCUMENT_PATH.slice(1, DOCUMENT_PATH.indexOf('/site'));

describe('node/app/gateway/urls', () => {
  it('reads URLs as a browser would: relative ones stay in the gateway origin, anything with another origin is outside', () => {
    assert.deepEqual(classifyUrl('a/b.png?x#y', DOCUMENT_PATH), { kind: 'network', path: `${SITE}a/b.png?x#y` });
    assert.deepEqual(classifyUrl('/\\evil.example/x', DOCUMENT_PATH), { kind: 'outside', url: 'http://evil.example/x' });
    assert.deepEqual(classifyUrl('\\\\evil.example', DOCUMENT_PATH), { kind: 'outside', url: 'http://evil.example/' });
    assert.deepEqual(classifyUrl(' ht\ttps://evil.example', DOCUMENT_PATH), { kind: 'outside', url: 'https://evil.example/' });
    assert.deepEqual(classifyUrl('javascript:alert(1)', DOCUMENT_PATH), { kind: 'none' });
    assert.deepEqual(classifyUrl('data:text/html,x', DOCUMENT_PATH), { kind: 'none' });
    assert.deepEqual(classifyUrl('http://[bad', DOCUMENT_PATH), { kind: 'none' });
  });

  it('turns Warren URIs into gateway paths, and drops ones that do not parse', () => {
    assert.deepEqual(classifyUrl(`${KEY}/x.html#top`, DOCUMENT_PATH), { kind: 'network', path: `/${KEY}/x.html#top` });
    assert.deepEqual(classifyUrl(`warren:${KEY}`, DOCUMENT_PATH), { kind: 'network', path: `/${KEY}` });
    assert.deepEqual(classifyUrl('CHK@nonsense', DOCUMENT_PATH), { kind: 'none' });
  });

  it('sends links out to the leaving page and drops resources from outside', () => {
    assert.equal(linkTarget('https://example.org/?a=b', DOCUMENT_PATH), leavingPath('https://example.org/?a=b'));
    assert.equal(leavingPath('https://example.org/?a=b'), '/leaving?url=https%3A%2F%2Fexample.org%2F%3Fa%3Db');
    assert.equal(resourceTarget('https://example.org/a.png', DOCUMENT_PATH), undefined);
    assert.equal(linkTarget('mailto:a@example.org', DOCUMENT_PATH), undefined);
    assert.equal(resourceTarget('a.png', DOCUMENT_PATH), `${SITE}a.png`);
  });
});
