import assert from 'node:assert/strict';
import fc from 'fast-check';
import { randomBytes } from '../../../protocol/crypto.js';
import { InvalidUriError, RequestUriForInsertError } from '../../../protocol/errors.js';
import { parseInsertUri, parseRequestUri, parseUri } from '../../../protocol/keys/uri-parse.js';
import { ChkUri, SskInsertUri, SskUri, UskInsertUri, UskUri, type WarrenUri } from '../../../protocol/keys/uri.js';

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const name = fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((s) => !/[/\u0000-\u001f\u007f]/.test(s) && s !== '.' && s !== '..');
const path = fc.array(name, { maxLength: 3 });
const edition = fc.nat();
const anyUri: fc.Arbitrary<WarrenUri> = fc.oneof(
  fc.tuple(key32, key32, path).map(([r, k, p]) => new ChkUri(r, k, p)),
  fc.tuple(key32, key32, name, path).map(([pk, sk, n, p]) => new SskUri({ publicKey: pk, symmetricKey: sk }, n, p)),
  fc.tuple(key32, key32, name, edition, path).map(([pk, sk, n, e, p]) => new UskUri({ publicKey: pk, symmetricKey: sk }, n, e, p)),
  fc.tuple(key32, name, path).map(([seed, n, p]) => new SskInsertUri(seed, n, p)),
  fc.tuple(key32, name, edition, path).map(([seed, n, e, p]) => new UskInsertUri(seed, n, e, p)),
);

const chk = new ChkUri(randomBytes(32), randomBytes(32), ['file.txt']).toString();
const usk = new UskUri({ publicKey: randomBytes(32), symmetricKey: randomBytes(32) }, 'site', 7).toString();

function refused(text: string, message: RegExp): void {
  assert.throws(
    () => parseUri(text),
    (error: unknown) => {
      assert.ok(error instanceof InvalidUriError, `expected InvalidUriError, got ${String(error)}`);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('protocol/keys/uri-parse', () => {
  it('round-trips every kind of URI through its text', () => {
    fc.assert(
      fc.property(anyUri, (uri) => {
        const parsed = parseUri(uri.toString());
        assert.equal(parsed.toString(), uri.toString());
        assert.equal(parsed.constructor, uri.constructor);
      }),
    );
  });

  it('accepts surrounding whitespace, a warren: scheme, a trailing slash and raw Unicode in paths', () => {
    assert.equal(parseUri(`  warren:${chk}\n`).toString(), chk);
    assert.deepEqual((parseUri(`${usk}/docs/`) as UskUri).path, ['docs']);
    assert.deepEqual((parseUri(`${usk}/café`) as UskUri).path, ['café']);
  });

  it('explains each malformed URI', () => {
    refused('', /empty/);
    refused('CHK', /no '@'/);
    refused(chk.replace('CHK@', 'KSK@'), /unknown key type 'KSK@'/);
    refused(chk.replace('CHK@', 'CHK@0'), /must be 44 base58 characters, got 45/);
    refused(chk.replace(/^CHK@./, 'CHK@0'), /invalid character '0' at position 1/);
    refused(chk.slice(0, 30), /expected 3 comma-separated key fields .* got 1 \(truncated\?\)/);
    refused(
      chk.replace(/,([^,]+),1/, (_, k: string) => `,${k.slice(0, 40)},1`),
      /crypto key must be 44 base58 characters, got 40 \(truncated\?\)/,
    );
    refused(chk.replace(/@./, '@z').replace(/@z[^,]*/, `@${'z'.repeat(44)}`), /out of range/);
    refused(chk.replace(',1/', ',2/'), /version 2 is not supported/);
    refused(chk.replace(',1/', ',x/'), /format version 1, got 'x'/);
    refused(`${chk}//x`, /empty segment/);
    refused(`${chk}/%E0%A4%A`, /broken %-escape/);
    refused(`${chk}/..`, /'\.\.' is reserved/);
    refused(usk.replace('/site/7', '/site'), /edition number is missing/);
    refused(usk.replace('/site/7', '/site/07'), /whole number, got '07'/);
    refused(usk.replace('/site/7', '/site/99999999999999999'), /larger than/);
    refused(usk.replace('/site/7', ''), /a name and edition must follow/);
  });

  it('refuses a request URI for inserting, and a CHK', () => {
    assert.throws(() => parseInsertUri(usk), RequestUriForInsertError);
    assert.throws(() => parseInsertUri(usk), /inserting needs the insert URI/);
    assert.throws(() => parseInsertUri(chk), /its key comes from the content/);
    const insert = new UskInsertUri(randomBytes(32), 'site', 3);
    assert.equal(parseInsertUri(insert.toString()).toString(), insert.toString());
  });

  it('turns an insert URI into its request URI when fetching', () => {
    const insert = new SskInsertUri(randomBytes(32), 'doc', ['a']);
    assert.equal(parseRequestUri(insert.toString()).toString(), insert.toRequestUri().toString());
    assert.equal(parseRequestUri(chk).toString(), chk);
  });

  it('throws only InvalidUriError for arbitrary and mutated text', () => {
    const mutated = fc.tuple(fc.constantFrom(chk, usk), fc.nat(200), fc.string({ maxLength: 3 }), fc.nat(3)).map(([text, at, insert, cut]) => {
      const position = at % (text.length + 1);
      return text.slice(0, position) + insert + text.slice(position + cut);
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated), (text) => {
        try {
          parseUri(text);
        } catch (error) {
          assert.ok(error instanceof InvalidUriError, `unexpected ${String(error)} for ${text}`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
