import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toHex } from '../../../../protocol/bytes.js';
import { InvalidManifestError } from '../../../../node/client/errors.js';
import { type Packable, packCanonical, type Unpacked, unpackCanonical } from '../../../../node/client/manifest-bytes.js';

const hex = (value: Packable) => toHex(packCanonical(value));
const refused = (bytes: string, message: RegExp) =>
  assert.throws(
    () => unpackCanonical(Buffer.from(bytes, 'hex')),
    (error: unknown) => error instanceof InvalidManifestError && message.test(error.message),
  );

/** Decoded maps are Maps; as plain objects they compare with what was packed. */
const plain = (value: Unpacked): unknown =>
  value instanceof Map ? Object.fromEntries([...value].map(([key, item]) => [key, plain(item)])) : Array.isArray(value) ? value.map(plain) : value;

const packable: fc.Arbitrary<Packable> = fc
  .letrec<{ value: Packable }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.nat(300), fc.nat(70_000), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
      fc.string({ maxLength: 40, unit: 'grapheme' }),
      fc.uint8Array({ maxLength: 300 }),
      fc.array(tie('value'), { maxLength: 20 }),
      fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 20 }).map((object) => new Map(Object.entries(object))),
    ),
  }))
  .value.filter((value) => depth(value) <= 3);

function depth(value: Packable): number {
  if (typeof value !== 'object' || value instanceof Uint8Array) return 0;
  const items: readonly Packable[] = Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : Object.values(value);
  return 1 + Math.max(0, ...items.map(depth));
}

describe('node/client/manifest-bytes', () => {
  it('writes every integer, length and count in its shortest form', () => {
    const cases: Array<[Packable, string]> = [
      [127, '7f'],
      [128, 'cc80'],
      [255, 'ccff'],
      [256, 'cd0100'],
      [65535, 'cdffff'],
      [65536, 'ce00010000'],
      [2 ** 32 - 1, 'ceffffffff'],
      [2 ** 32, 'cf0000000100000000'],
      [Number.MAX_SAFE_INTEGER, 'cf001fffffffffffff'],
      ['a'.repeat(31), `bf${'61'.repeat(31)}`],
      ['a'.repeat(32), `d920${'61'.repeat(32)}`],
      ['é', 'a2c3a9'],
      [new Uint8Array(0), 'c400'],
      [new Uint8Array(256), `c50100${'00'.repeat(256)}`],
      [Array(15).fill(0), `9f${'00'.repeat(15)}`],
      [Array(16).fill(0), `dc0010${'00'.repeat(16)}`],
      [{ b: 1, a: 2 }, '82a16201a16102'],
    ];
    for (const [value, expected] of cases) {
      assert.equal(hex(value), expected, JSON.stringify(value));
      assert.deepEqual(plain(unpackCanonical(packCanonical(value))), value instanceof Uint8Array ? value : value);
    }
    assert.equal(hex(Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, i]))).slice(0, 6), 'de0010');
  });

  it('refuses integers it cannot write', () => {
    for (const value of [-1, 1.5, 2 ** 53, Number.NaN]) assert.throws(() => packCanonical(value), RangeError);
  });

  it('refuses longer forms than needed, other types and bad lengths, saying why', () => {
    refused('cc7f', /shorter form/);
    refused('cd00ff', /shorter form/);
    refused('ce0000ffff', /shorter form/);
    refused('cf00000000ffffffff', /shorter form/);
    refused('cf0020000000000000', /above 2\^53/);
    refused('d91f', /shorter form/);
    refused('c50010', /shorter form/);
    refused('dc000f', /shorter form/);
    refused('de000f', /shorter form/);
    for (const type of ['c0', 'c2', 'c3', 'ca', 'cb', 'd0', 'd4', 'e0', 'ff']) refused(`${type}00000000000000000000`, /type byte/);
    refused('c4ff00', /past the end/);
    refused('ddffffffff', /past the end/);
    refused('8f', /past the end/);
    refused('a2c3', /past the end/);
    refused('a2c328', /not valid UTF-8/);
    refused('810101', /key is not a string/);
    refused('82a16101a16102', /appears twice/);
    refused('91919190', /nested deeper/);
    refused('0000', /1 bytes after the value/);
    refused('', /truncated/);
  });

  it('round-trips any value of the subset', () => {
    fc.assert(
      fc.property(packable, (value) => {
        const bytes = packCanonical(value);
        assert.deepEqual(packCanonical(unpackCanonical(bytes)), bytes);
      }),
    );
  });

  it('accepts exactly one encoding per value: whatever it decodes re-encodes to the same bytes', () => {
    const nearlyCanonical = packable.chain((value) =>
      fc.tuple(fc.constant(packCanonical(value)), fc.nat(), fc.nat(255)).map(([bytes, at, byte]) => {
        const mutated = Uint8Array.from(bytes);
        if (mutated.length > 0) mutated[at % mutated.length] = byte;
        return mutated;
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), nearlyCanonical), (bytes) => {
        let value: Unpacked;
        try {
          value = unpackCanonical(bytes);
        } catch (error) {
          assert.ok(error instanceof InvalidManifestError, String(error));
          return;
        }
        assert.deepEqual(packCanonical(value), bytes);
      }),
      { numRuns: 2000 },
    );
  });
});
