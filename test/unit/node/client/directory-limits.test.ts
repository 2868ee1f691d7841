import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nameProblem } from '../../../../protocol/keys/names.js';
import {
  DirectoryBudget,
  EXPANSION_ALLOWANCE_BYTES,
  expansionOf,
  MAX_DEPTH,
  MAX_PATH_BYTES,
  MAX_WALK_BYTES,
  parsePath,
} from '../../../../node/client/directory-limits.js';
import { DirectoryLimitError, InvalidPathError } from '../../../../node/client/errors.js';

const utf8 = new TextEncoder();
const MiB = 1024 * 1024;

/** Path-like text: names from a small alphabet with the characters that matter, `/`, dots and controls. */
const pathText = fc.array(fc.constantFrom('a', 'é', '.', '/', '\u0000', '\n', '\u007f', ' ', '\ud800'), { maxLength: 12 }).map((chars) => chars.join(''));

describe('node/client/directory-limits', () => {
  it('parses any text as valid names joined by / or refuses it with InvalidPathError', () => {
    fc.assert(
      fc.property(fc.oneof(pathText, fc.string({ unit: 'binary', maxLength: 40 })), (path) => {
        let names: string[];
        try {
          names = parsePath(path);
        } catch (error) {
          assert.ok(error instanceof InvalidPathError, String(error));
          assert.equal(error.code, 'ERR_INVALID_PATH');
          return;
        }
        assert.equal(names.join('/'), path);
        for (const name of names) assert.equal(nameProblem(name), undefined, name);
        assert.ok(names.length <= MAX_DEPTH && utf8.encode(path).length <= MAX_PATH_BYTES);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts every path of valid names within the depth and byte limits', () => {
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((text) => nameProblem(text) === undefined);
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: MAX_DEPTH }), (names) => {
        assert.deepEqual(parsePath(names.join('/')), names);
      }),
    );
  });

  it('refuses . and .., empty names, control characters and paths over the limits, naming the problem', () => {
    for (const [path, problem] of [
      ['../x', /'\.\.' is reserved/],
      ['a/.', /'\.' is reserved/],
      ['a//b', /empty name/],
      ['a\u0000', /U\+0000/],
      ['a\r\nb', /U\+000d/],
      [
        Array(MAX_DEPTH + 1)
          .fill('a')
          .join('/'),
        /65 names deep/,
      ],
      [Array(20).fill('x'.repeat(250)).join('/'), /5019 bytes long/],
    ] as const) {
      assert.throws(
        () => parsePath(path),
        (error: Error) => error instanceof InvalidPathError && problem.test(error.message),
        JSON.stringify(path),
      );
    }
  });

  it('counts declared bytes up to the limit', () => {
    const budget = new DirectoryBudget();
    budget.file(MAX_WALK_BYTES);
    assert.throws(
      () => budget.file(1),
      (error: Error) => error instanceof DirectoryLimitError && error.limit === 'MAX_WALK_BYTES',
    );
  });

  it('asks before writing a tree that repeats its files far beyond what it stores', () => {
    const bomb = Array.from({ length: 64 }, (_, index) => ({ uri: 'CHK@one', size: MiB, path: `${index}` }));
    assert.deepEqual(expansionOf(bomb), { declaredBytes: 64 * MiB, storedBytes: MiB, needsConsent: true });
    const icons = Array.from({ length: 100 }, () => ({ uri: 'CHK@icon', size: 10_000 }));
    assert.equal(expansionOf(icons).needsConsent, false, 'a few copies of a small file');
    const distinct = Array.from({ length: 10 }, (_, index) => ({ uri: `CHK@${index}`, size: 100 * MiB }));
    assert.equal(expansionOf(distinct).needsConsent, false, 'distinct files, however large');
    const edge = [{ uri: 'CHK@a', size: MiB }, ...Array.from({ length: 4 + EXPANSION_ALLOWANCE_BYTES / MiB - 1 }, () => ({ uri: 'CHK@a', size: MiB }))];
    assert.equal(expansionOf(edge).needsConsent, false, 'exactly 4× + the allowance');
    assert.equal(expansionOf([...edge, { uri: 'CHK@a', size: 1 }]).needsConsent, true, 'one byte more');
  });
});
