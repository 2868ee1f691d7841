import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../../../protocol/bytes.js';
import { ChkUri, decodeSsk, encodeChk, parseUri, UskUri } from '../../../../protocol/keys/index.js';
import { InvalidManifestError } from '../../../../node/client/errors.js';
import { unpackCanonical } from '../../../../node/client/manifest-bytes.js';
import { decodeManifest, decodePointer, encodeManifest, encodePointer } from '../../../../node/client/manifest.js';
import { jsonOf, manifestVectors, type ManifestVector, type PointerVector } from '../../../../spec/vectors/manifest-cases.js';

interface InvalidVector {
  name: string;
  decoder: 'manifest' | 'pointer';
  bytes: string;
  error: string;
  code: string;
}

const vectors = JSON.parse(readFileSync(new URL('../../../../spec/vectors/manifests.json', import.meta.url), 'utf8')) as {
  manifests: ManifestVector[];
  pointers: PointerVector[];
  invalid: InvalidVector[];
};

describe('spec/vectors/manifests.json', () => {
  it('the client computes every manifest and pointer vector as written', async function () {
    this.timeout(60_000);
    assert.deepEqual(await manifestVectors(), { manifests: vectors.manifests, pointers: vectors.pointers });
  });

  for (const vector of vectors.manifests) {
    it(`manifest: ${vector.name}`, () => {
      const bytes = fromHex(vector.bytes);
      // Key order matters: compare the JSON text, not just the values.
      assert.equal(JSON.stringify(jsonOf(unpackCanonical(bytes))), JSON.stringify(vector.value));
      assert.equal(toHex(encodeManifest(decodeManifest(bytes))), vector.bytes);
      const top = encodeChk(bytes);
      assert.equal(new ChkUri(top.routingKey, top.cryptoKey).toString(), vector.uri);
    });
  }

  for (const vector of vectors.pointers) {
    it(`pointer: ${vector.name}`, () => {
      const bytes = fromHex(vector.bytes);
      assert.equal(JSON.stringify(jsonOf(unpackCanonical(bytes))), JSON.stringify(vector.value));
      const uri = parseUri(vector.uri);
      assert.ok(uri instanceof UskUri);
      const ssk = uri.toSskUri();
      assert.equal(ssk.docName, vector.sskDocName);
      assert.equal(toHex(ssk.routingKey), vector.routingKey);
      assert.equal(toHex(decodeSsk(fromHex(vector.block), ssk.keys, ssk.docName)), vector.bytes);
      assert.equal(toHex(encodePointer(decodePointer(bytes))), vector.bytes);
      assert.ok(
        vectors.manifests.some((manifest) => manifest.uri === decodePointer(bytes).toString()),
        'the pointer names a manifest vector',
      );
    });
  }

  for (const vector of vectors.invalid) {
    it(`refuses (${vector.decoder}): ${vector.name}`, () => {
      const decode = vector.decoder === 'manifest' ? decodeManifest : decodePointer;
      assert.throws(
        () => decode(fromHex(vector.bytes)),
        (error: unknown) => {
          assert.ok(error instanceof InvalidManifestError, String(error));
          assert.deepEqual([error.name, error.code], [vector.error, vector.code]);
          return true;
        },
      );
    });
  }
});
