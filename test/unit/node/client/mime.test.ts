import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidMimeError } from '../../../../node/client/errors.js';
import { checkMime, DEFAULT_MIME, MAX_MIME_BYTES, mimeForName, mimeProblem, servedMime } from '../../../../node/client/mime.js';

const token = fc.string({ unit: fc.constantFrom(..."abcxyzABZ019!#$%&'*+-.^_`|~"), minLength: 1, maxLength: 20 });
const parameter = fc.tuple(
  token,
  fc.oneof(
    token,
    fc.string({ unit: fc.constantFrom('a', ' ', '\\"', '\\\\', ';', '='), maxLength: 10 }).map((text) => `"${text}"`),
  ),
);

describe('node/client/mime', () => {
  it('picks the type from the extension, case-insensitively, else the default', () => {
    assert.equal(mimeForName('index.HTML'), 'text/html');
    assert.equal(mimeForName('archive.tar.gz'), 'application/gzip');
    assert.equal(mimeForName('README'), DEFAULT_MIME);
    assert.equal(mimeForName('file.unknown'), DEFAULT_MIME);
    assert.equal(mimeForName(undefined), DEFAULT_MIME);
  });

  it('accepts type/subtype with parameters up to 255 bytes, and names the problem of anything else', () => {
    for (const mime of ['text/plain', 'text/plain; charset=utf-8', 'application/vnd.api+json', 'multipart/form-data;boundary="a b;c"', 'a/b;x="\\""']) {
      assert.equal(mimeProblem(mime), undefined, mime);
    }
    for (const [mime, problem] of [
      ['text/plain\r\nX-Injected: 1', /not type\/subtype/],
      ['text/plain\n', /not type\/subtype/],
      ['text\u0000/plain', /not type\/subtype/],
      ['text', /not type\/subtype/],
      ['', /not type\/subtype/],
      ['text/plain; charset', /not type\/subtype/],
      ['tëxt/plain', /not type\/subtype/],
      [`application/${'x'.repeat(300)}`, /312 bytes; the limit is 255/],
      [`application/${'x'.repeat(100_000)}`, /the limit is 255/],
    ] as const) {
      assert.match(mimeProblem(mime) ?? 'accepted', problem, JSON.stringify(mime.slice(0, 40)));
      assert.throws(() => checkMime(mime), InvalidMimeError);
      assert.equal(servedMime(mime), DEFAULT_MIME, 'handed on as the default');
    }
  });

  it('accepts every well-formed type within the limit, and refuses anything with a control character', () => {
    fc.assert(
      fc.property(token, token, fc.array(parameter, { maxLength: 3 }), (type, subtype, parameters) => {
        const mime = `${type}/${subtype}${parameters.map(([name, value]) => `; ${name}=${value}`).join('')}`;
        assert.equal(mimeProblem(mime) === undefined, mime.length <= MAX_MIME_BYTES, mime);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 0x1f }), fc.string(), (before, control, after) => {
        assert.notEqual(mimeProblem(`${before}${String.fromCharCode(control)}${after}`), undefined);
      }),
    );
  });
});
