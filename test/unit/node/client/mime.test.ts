import assert from 'node:assert/strict';
import { DEFAULT_MIME, mimeForName } from '../../../../node/client/mime.js';

describe('node/client/mime', () => {
  it('picks the type from the extension, case-insensitively, else the default', () => {
    assert.equal(mimeForName('index.HTML'), 'text/html');
    assert.equal(mimeForName('archive.tar.gz'), 'application/gzip');
    assert.equal(mimeForName('README'), DEFAULT_MIME);
    assert.equal(mimeForName('file.unknown'), DEFAULT_MIME);
    assert.equal(mimeForName(undefined), DEFAULT_MIME);
  });
});
