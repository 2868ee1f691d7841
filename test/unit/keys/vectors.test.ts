import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../../protocol/bytes.js';
import { InvalidUriError } from '../../../protocol/errors.js';
import {
  ChkUri,
  decodeChk,
  decodeSsk,
  encodeChk,
  encodeSsk,
  parseRequestUri,
  parseUri,
  SskInsertUri,
  SskUri,
  sskWriteKeysFromSeed,
  UskInsertUri,
  UskUri,
  verifyBlock,
} from '../../../protocol/keys/index.js';

function load<T>(name: string): T[] {
  return (JSON.parse(readFileSync(new URL(`../../../spec/vectors/${name}`, import.meta.url), 'utf8')) as { vectors: T[] }).vectors;
}

interface ChkVector {
  name: string;
  content: string;
  cryptoKey: string;
  routingKey: string;
  block: string;
  uri: string;
}
interface SskVector {
  name: string;
  seed: string;
  publicKey: string;
  symmetricKey: string;
  docName: string;
  content: string;
  routingKey: string;
  block: string;
  insertUri: string;
  requestUri: string;
}
interface UriVector {
  name: string;
  text: string;
  kind: string;
  keys: string[];
  docName?: string;
  uskName?: string;
  edition?: number;
  path: string[];
  canonical: string;
}
interface BadUriVector {
  name: string;
  text: string;
  problem: string;
  error: string;
  code: string;
}

/** How the reference parser's messages name each problem of spec/keys.md §5.5. */
const PROBLEMS: Record<string, RegExp> = {
  empty: /it is empty/,
  'no-at': /no '@'/,
  'unknown-type': /unknown key type/,
  'field-count': /comma-separated key fields/,
  'key-length': /must be 44 base58 characters/,
  'key-character': /invalid character/,
  'key-range': /out of range/,
  version: /version/,
  'missing-name': /must follow the keys/,
  'missing-edition': /edition number is missing/,
  edition: /the edition/,
  name: /the (document|USK) name .* is not allowed/s,
  segment: /empty segment|broken %-escape|the path segment .* is not allowed/s,
};

/** What a parsed URI denotes, in the vector's terms. */
function denotation(uri: ReturnType<typeof parseUri>): Omit<UriVector, 'name' | 'text' | 'canonical'> {
  const keys = uri instanceof ChkUri ? [uri.routingKey, uri.cryptoKey] : 'keys' in uri ? [uri.keys.publicKey, uri.keys.symmetricKey] : [];
  const names = 'docName' in uri ? { docName: uri.docName } : 'edition' in uri ? { uskName: uri.name, edition: uri.edition } : {};
  return { kind: uri.kind, keys: keys.map(toHex), ...names, path: [...uri.path] };
}

interface UskVector {
  name: string;
  seed: string;
  uskName: string;
  edition: number;
  path: string[];
  insertUri: string;
  requestUri: string;
  sskDocName: string;
  sskRequestUri: string;
  routingKey: string;
  content: string;
  block: string;
}

describe('spec/vectors for keys', () => {
  describe('chk.json', () => {
    for (const vector of load<ChkVector>('chk.json')) {
      it(vector.name, () => {
        const encoded = encodeChk(fromHex(vector.content));
        assert.equal(toHex(encoded.cryptoKey), vector.cryptoKey);
        assert.equal(toHex(encoded.routingKey), vector.routingKey);
        assert.equal(toHex(encoded.block), vector.block);
        const uri = parseUri(vector.uri);
        assert.ok(uri instanceof ChkUri);
        assert.equal(toHex(uri.routingKey), vector.routingKey);
        assert.equal(toHex(uri.cryptoKey), vector.cryptoKey);
        assert.equal(uri.toString(), vector.uri);
        assert.equal(verifyBlock(fromHex(vector.routingKey), fromHex(vector.block)), 'chk');
        assert.equal(toHex(decodeChk(fromHex(vector.block), fromHex(vector.cryptoKey))), vector.content);
      });
    }
  });

  describe('ssk.json', () => {
    for (const vector of load<SskVector>('ssk.json')) {
      it(vector.name, () => {
        const keys = sskWriteKeysFromSeed(fromHex(vector.seed));
        assert.equal(toHex(keys.publicKey), vector.publicKey);
        assert.equal(toHex(keys.symmetricKey), vector.symmetricKey);
        const encoded = encodeSsk(keys, vector.docName, fromHex(vector.content));
        assert.equal(toHex(encoded.routingKey), vector.routingKey);
        assert.equal(toHex(encoded.block), vector.block);
        assert.equal(verifyBlock(fromHex(vector.routingKey), fromHex(vector.block)), 'ssk');
        const insert = parseUri(vector.insertUri);
        assert.ok(insert instanceof SskInsertUri);
        assert.equal(insert.docName, vector.docName);
        assert.equal(insert.toRequestUri().toString(), vector.requestUri);
        const request = parseRequestUri(vector.requestUri);
        assert.ok(request instanceof SskUri);
        assert.equal(toHex(request.routingKey), vector.routingKey);
        assert.equal(toHex(decodeSsk(fromHex(vector.block), request.keys, request.docName)), vector.content);
      });
    }
  });

  describe('usk.json', () => {
    for (const vector of load<UskVector>('usk.json')) {
      it(vector.name, () => {
        const insert = new UskInsertUri(fromHex(vector.seed), vector.uskName, vector.edition, vector.path);
        assert.equal(insert.toString(), vector.insertUri);
        assert.equal(insert.toRequestUri().toString(), vector.requestUri);
        const request = parseUri(vector.requestUri);
        assert.ok(request instanceof UskUri);
        assert.equal(request.edition, vector.edition);
        assert.deepEqual(request.path, vector.path);
        const ssk = request.toSskUri();
        assert.equal(ssk.docName, vector.sskDocName);
        assert.equal(ssk.toString(), vector.sskRequestUri);
        assert.equal(toHex(ssk.routingKey), vector.routingKey);
        const { block } = encodeSsk(insert.writeKeys(), vector.sskDocName, fromHex(vector.content));
        assert.equal(toHex(block), vector.block);
        assert.equal(toHex(decodeSsk(block, ssk.keys, ssk.docName)), vector.content);
      });
    }
  });

  describe('uri.json', () => {
    const url = new URL('../../../spec/vectors/uri.json', import.meta.url);
    const file = JSON.parse(readFileSync(url, 'utf8')) as { valid: UriVector[]; invalid: BadUriVector[] };
    for (const vector of file.valid) {
      it(`accepts: ${vector.name}`, () => {
        const uri = parseUri(vector.text);
        const { name: _name, text: _text, canonical, ...expected } = vector;
        // Insert URIs keep their seed private: it is checked through the canonical text.
        const seen = denotation(uri);
        assert.deepEqual(seen, uri instanceof SskInsertUri || uri instanceof UskInsertUri ? { ...expected, keys: [] } : expected);
        assert.equal(uri.toString(), canonical);
        assert.equal(parseUri(canonical).toString(), canonical);
        assert.match(canonical, /^[A-Za-z0-9\-._~%,/@]+$/);
      });
    }
    for (const vector of file.invalid) {
      it(`refuses (${vector.problem}): ${vector.name}`, () => {
        assert.ok(PROBLEMS[vector.problem], `unknown problem ${vector.problem}`);
        assert.throws(
          () => parseUri(vector.text),
          (error: unknown) => {
            assert.ok(error instanceof InvalidUriError);
            assert.equal(error.name, vector.error);
            assert.equal(error.code, vector.code);
            assert.match(error.message, PROBLEMS[vector.problem]!);
            return true;
          },
        );
      });
    }
  });
});
