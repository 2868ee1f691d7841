import assert from 'node:assert/strict';
import { gini, histogram, summarize, WireSizes } from '../../../sim/metrics.js';
import { encodeEnvelope } from '../../../protocol/wire/envelope.js';
import { encodeFrame } from '../../../protocol/wire/frame.js';
import type { Envelope } from '../../../protocol/wire/messages.js';
import { SeededRng } from '../../../sim/rng.js';
import { ZipfSampler } from '../../../sim/zipf.js';

describe('sim/metrics', () => {
  it('summarizes values by mean and nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    assert.deepEqual(summarize(values), { mean: 50.5, p50: 50, p95: 95 });
    assert.deepEqual(summarize([]), { mean: 0, p50: 0, p95: 0 });
  });

  it('computes the Gini coefficient: 0 for equal loads, (n-1)/n when one node carries all', () => {
    assert.equal(gini([3, 3, 3, 3]), 0);
    assert.ok(Math.abs(gini([0, 0, 0, 8]) - 0.75) < 1e-12);
    assert.ok(Math.abs(gini([1, 2, 3, 4]) - 0.25) < 1e-12);
    assert.equal(gini([0, 0]), 0);
  });

  it('counts whole values in ascending order', () => {
    assert.deepEqual(histogram([3, 1, 3, 2, 3]), [
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
  });

  it('sizes envelopes as their encoded frames, per shape and per NodeRef', () => {
    const sizes = new WireSizes();
    const node = { publicKey: new Uint8Array(32).fill(5), powNonce: new Uint8Array(8), addresses: ['/memory/3', '/memory/3000'] };
    const envelopes: Envelope[] = [
      { tx: 3n, body: { type: 'announce', node, htl: 18 } },
      { tx: 3n, body: { type: 'announce', node, htl: 9 } },
      { tx: 3n, body: { type: 'peerOffer', node } },
      { tx: 4n, body: { type: 'announce', node: { ...node, addresses: ['/memory/3'] }, htl: 18 } },
      { tx: 1n, body: { type: 'dataRequest', keyType: 'chk', routingKey: new Uint8Array(32).fill(1), htl: 18 } },
      { tx: 2n ** 63n, body: { type: 'dataRequest', keyType: 'chk', routingKey: new Uint8Array(32).fill(2), htl: 18 } },
      { tx: 5n, body: { type: 'dataFound', block: new Uint8Array(1024).fill(1) } },
      { tx: 6n, body: { type: 'routeNotFound', htl: 0 } },
      { tx: 7n, body: { type: 'peerOffer', node: { publicKey: new Uint8Array(32), powNonce: new Uint8Array(8), addresses: ['/memory/12'] } } },
      { tx: 8n, body: { type: 'insertRequest', keyType: 'chk', routingKey: new Uint8Array(32).fill(3), htl: 17 } },
      { tx: 9n, body: { type: 'insertRequest', keyType: 'ssk', routingKey: new Uint8Array(32).fill(3), htl: 17 } },
      { tx: 9n, body: { type: 'insertAccepted' } },
      { tx: 9n, body: { type: 'insertData', block: new Uint8Array(512).fill(2) } },
      { tx: 9n, body: { type: 'insertData', block: new Uint8Array(32_768).fill(2) } },
      { tx: 10n, body: { type: 'insertReply', outcome: 'stored' } },
      { tx: 11n, body: { type: 'insertReply', outcome: 'collision', existingBlock: new Uint8Array(300).fill(4) } },
      { tx: 12n, body: { type: 'rejectedOverload', local: true } },
      { tx: 13n, body: { type: 'rejectedOverload', local: false } },
      { tx: 14n, body: { type: 'routeNotFound', htl: 5 } },
    ];
    for (const _ of [1, 2]) for (const envelope of envelopes) assert.equal(sizes.of(envelope), encodeFrame(encodeEnvelope(envelope)).length);
  });
});

describe('sim/zipf', () => {
  it('draws rank r with probability ∝ 1/(r+1)^s, and uniformly for s = 0', () => {
    const draws = 200_000;
    for (const exponent of [1, 0]) {
      const zipf = new ZipfSampler(50, exponent, new SeededRng(`zipf/${exponent}`));
      const counts = new Array<number>(50).fill(0);
      for (let i = 0; i < draws; i++) counts[zipf.next()]!++;
      for (const rank of [0, 1, 9, 49]) {
        const expected = zipf.probability(rank) * draws;
        assert.ok(Math.abs(counts[rank]! - expected) < 5 * Math.sqrt(expected) + 1, `s=${exponent} rank ${rank}: ${counts[rank]} vs ${expected}`);
      }
    }
    assert.ok(Math.abs(new ZipfSampler(50, 1, new SeededRng(1)).probability(0) / new ZipfSampler(50, 1, new SeededRng(1)).probability(1) - 2) < 1e-12);
  });

  it('refuses no items and negative exponents', () => {
    assert.throws(() => new ZipfSampler(0, 1, new SeededRng(1)), RangeError);
    assert.throws(() => new ZipfSampler(5, -1, new SeededRng(1)), RangeError);
  });
});
