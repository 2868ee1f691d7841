/**
 * A 1 GiB file, inserted through the client (128 + 128 segments) into an in-memory node, loses a seeded,
 * uniform 30 % of all its blocks — data and check, across every segment — and is fetched byte-identical
 * through the real decode (spec/client.md §1 computes the odds of surviving such a loss: 1 − 1.5·10⁻⁷).
 *
 *   keystream ──Inserter──> Map of blocks ──delete 30 % (SeededRng)──> fetchLayout ──sha256──> compare
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type FetchProgress, fetchLayout, fetchManifest } from '../../node/client/fetch.js';
import { Inserter } from '../../node/client/insert.js';
import { resolveRedundancy } from '../../node/client/segments.js';
import type { ClientNode } from '../../node/client/types.js';
import { DataNotFoundError } from '../../node/errors.js';
import { toHex } from '../../protocol/bytes.js';
import { SeededRng } from '../../sim/rng.js';
import { keystream } from '../support/keystream.js';

const FILE_BYTES = 2 ** 30;
const LOSS = 0.3;

describe('a 1 GiB file that loses 30 % of its blocks', function () {
  // A hang guard: encoding and fetching 2 GiB of blocks takes minutes on a loaded machine.
  this.timeout(1_800_000);

  it('is fetched byte-identical, its lost data blocks rebuilt from check blocks', async () => {
    const blocks = new Map<string, Uint8Array>();
    const node: ClientNode = {
      insert: async (routingKey, block) => void blocks.set(toHex(routingKey), block),
      request: async (routingKey) => blocks.get(toHex(routingKey)) ?? Promise.reject(new DataNotFoundError(0)),
    };
    const written = createHash('sha256');
    const { uri } = await new Inserter(node, resolveRedundancy()).insertFile({
      source: Readable.from(keystream(FILE_BYTES, written)),
      mime: 'application/octet-stream',
    });
    const manifest = await fetchManifest(node, uri);
    assert.ok(manifest.kind === 'file');
    assert.equal(manifest.segments.length, 257);

    const fileBlocks = manifest.segments.flatMap((segment) => [...segment.dataBlocks, ...segment.checkBlocks].map((ref) => toHex(ref.routingKey)));
    const lost = new SeededRng('client-loss/1GiB').shuffle(fileBlocks).slice(0, Math.round(LOSS * fileBlocks.length));
    for (const key of lost) blocks.delete(key);
    const lostSet = new Set(lost);
    const lostPerSegment = manifest.segments.map(
      (segment) => [...segment.dataBlocks, ...segment.checkBlocks].filter((ref) => lostSet.has(toHex(ref.routingKey))).length,
    );
    assert.ok(Math.max(...lostPerSegment) > 0.3 * 256, `the worst segment lost ${Math.max(...lostPerSegment)} of its blocks`);

    let checkBlocksUsed = 0;
    const fetched = createHash('sha256');
    const onProgress = (event: FetchProgress): void => {
      if (event.type === 'segmentDecoded') checkBlocksUsed += event.checkBlocksUsed;
    };
    for await (const chunk of fetchLayout(node, manifest, { onProgress })) fetched.update(chunk);
    assert.equal(fetched.digest('hex'), written.digest('hex'));
    // Every lost data block was rebuilt from a check block.
    const lostData = manifest.segments.reduce((sum, segment) => sum + segment.dataBlocks.filter((ref) => lostSet.has(toHex(ref.routingKey))).length, 0);
    assert.equal(checkBlocksUsed, lostData);
  });
});
