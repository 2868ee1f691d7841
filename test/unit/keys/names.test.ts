import assert from 'node:assert/strict';
import { InvalidUriError } from '../../../protocol/errors.js';
import { encodeDocName, MAX_EDITION, MAX_USK_NAME_BYTES, nameProblem, uskDocName } from '../../../protocol/keys/names.js';

describe('protocol/keys/names', () => {
  it('accepts ordinary and Unicode names', () => {
    for (const name of ['index.html', 'my site', 'café', '日記', 'a'.repeat(255)]) assert.equal(nameProblem(name), undefined);
  });

  it('says why a name is refused', () => {
    assert.match(nameProblem('')!, /empty/);
    assert.match(nameProblem('a/b')!, /'\/'/);
    assert.match(nameProblem('a\nb')!, /U\+000a/);
    assert.match(nameProblem('..')!, /reserved/);
    assert.match(nameProblem('é'.repeat(128))!, /256 bytes/);
    assert.match(nameProblem('\ud800')!, /U\+d800/);
  });

  it('encodes valid names as UTF-8 and throws InvalidUriError otherwise', () => {
    assert.deepEqual(encodeDocName('é'), Uint8Array.of(0xc3, 0xa9));
    assert.throws(() => encodeDocName('.'), InvalidUriError);
  });

  it('maps USK editions to SSK document names', () => {
    assert.equal(uskDocName('site', 0), 'site-0');
    assert.equal(uskDocName('site', MAX_EDITION), `site-${MAX_EDITION}`);
    const longest = 'u'.repeat(MAX_USK_NAME_BYTES);
    assert.equal(nameProblem(uskDocName(longest, MAX_EDITION)), undefined, 'every edition of the longest USK name is a valid document name');
    assert.match(nameProblem(`${longest}u`, MAX_USK_NAME_BYTES)!, /239 bytes of UTF-8; the limit is 238/);
    assert.throws(() => uskDocName('site', -1), InvalidUriError);
    assert.throws(() => uskDocName('site', 1.5), InvalidUriError);
  });
});
