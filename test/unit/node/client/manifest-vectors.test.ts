import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../../../protocol/bytes.js';
import { ChkUri, decodeSsk, encodeChk, parseUri, UskUri } from '../../../../protocol/keys/index.js';
import { InvalidManifestError } from '../../../../node/client/errors.js';
import { unpackCanonical } from '../../../../node/client/manifest-bytes.js';
import { decodeManifest, decodePointer, encodeManifest, encodePointer } from '../../../../node/client/manifest.js';
import type { ChkBlock } from '../../../../protocol/keys/index.js';
import { encodeParity } from '../../../../node/client/fec.js';
import { fetchLayout } from '../../../../node/client/fetch.js';
import { LEGACY_FEC_CODE, SHARD_BYTES, shardCount } from '../../../../node/client/segments.js';
import type { ClientNode } from '../../../../node/client/types.js';
import { jsonOf, manifestVectors, type ManifestVector, pattern, type PointerVector } from '../../../../spec/vectors/manifest-cases.js';

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

const legacyVectors = JSON.parse(readFileSync(new URL('../../../../spec/vectors/manifests-code1.json', import.meta.url), 'utf8')) as {
  manifests: ManifestVector[];
};

/** The blocks of a code-1 splitfile of `content`, made as clients before the wide code made them: k data shards, m check shards of the old code. */
async function legacyBlocks(content: Uint8Array, k: number, m: number): Promise<ChkBlock[]> {
  const blocks: ChkBlock[] = [];
  for (let offset = 0; offset < content.length; offset += k * SHARD_BYTES) {
    const segment = content.subarray(offset, Math.min(content.length, offset + k * SHARD_BYTES));
    const shards = shardCount(segment.length);
    for (let i = 0; i < shards; i++) blocks.push(encodeChk(segment.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES)));
    const padded = new Uint8Array(shards * SHARD_BYTES);
    padded.set(segment);
    const parity = new Uint8Array(m * SHARD_BYTES);
    if (m > 0) await encodeParity(shards, m, SHARD_BYTES, padded, parity);
    for (let r = 0; r < m; r++) blocks.push(encodeChk(parity.subarray(r * SHARD_BYTES, (r + 1) * SHARD_BYTES)));
  }
  return blocks;
}

describe('spec/vectors/manifests-code1.json (manifests of the old code)', () => {
  for (const vector of legacyVectors.manifests) {
    it(`decodes ${vector.name}, and fetches it through the old code with the first data block of every segment gone`, async () => {
      const bytes = fromHex(vector.bytes);
      const manifest = decodeManifest(bytes);
      assert.equal(toHex(encodeManifest(manifest)), vector.bytes);
      assert.ok(manifest.kind === 'file' && manifest.code === LEGACY_FEC_CODE);
      const content = pattern(manifest.size);
      const blocks = await legacyBlocks(content, manifest.dataBlocksPerSegment, manifest.checkBlocksPerSegment);
      const refs = manifest.segments.flatMap((segment) => [...segment.dataBlocks, ...segment.checkBlocks]);
      assert.deepEqual(
        blocks.map((block) => toHex(block.routingKey)),
        refs.map((ref) => toHex(ref.routingKey)),
      );
      const firstData = new Set(manifest.segments.map((segment) => toHex(segment.dataBlocks[0]!.routingKey)));
      const stored = new Map(blocks.filter((block) => !firstData.has(toHex(block.routingKey))).map((block) => [toHex(block.routingKey), block.block] as const));
      const node: ClientNode = {
        insert: () => Promise.reject(new Error('not used')),
        request: async (routingKey) => stored.get(toHex(routingKey)) ?? Promise.reject(new Error('lost')),
      };
      const chunks: Uint8Array[] = [];
      for await (const chunk of fetchLayout(node, manifest, { window: 4 })) chunks.push(chunk);
      assert.deepEqual(Buffer.concat(chunks), Buffer.from(content));
    });
  }
});
