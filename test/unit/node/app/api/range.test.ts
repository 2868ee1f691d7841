import assert from 'node:assert/strict';
import { RangeNotSatisfiableError } from '../../../../../node/app/api/errors.js';
import { ifRangeHolds, parseRange } from '../../../../../node/app/api/range.js';

describe('node/app/api/range', () => {
  it('reads one byte range: first-last, first- and -suffix, clamped to the file', () => {
    assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
    assert.deepEqual(parseRange('bytes=2-', 10), { start: 2, end: 9 });
    assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
    assert.deepEqual(parseRange('bytes=-30', 10), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=4-99', 10), { start: 4, end: 9 });
  });

  it('ignores no header, several ranges, other units and a backwards range', () => {
    for (const header of [undefined, 'bytes=0-1,4-5', 'items=0-1', 'bytes=-', 'bytes=5-2', 'bytes=a-b'])
      assert.equal(parseRange(header, 10), undefined, header);
  });

  it('refuses a range that starts at or past the end, and any range of an empty file', () => {
    for (const [header, size] of [
      ['bytes=10-', 10],
      ['bytes=10-20', 10],
      ['bytes=-0', 10],
      ['bytes=0-', 0],
      ['bytes=-5', 0],
    ] as const) {
      assert.throws(() => parseRange(header, size), RangeNotSatisfiableError, header);
    }
  });

  it('keeps a range under If-Range only for the same strong entity tag: not another tag, a date, or the header twice', () => {
    assert.equal(ifRangeHolds(undefined, '"CHK@a"'), true);
    assert.equal(ifRangeHolds(' "CHK@a" ', '"CHK@a"'), true);
    for (const header of ['"CHK@b"', 'W/"CHK@a"', 'Tue, 01 Dec 2026 00:00:00 GMT', ['"CHK@a"', '"CHK@a"']])
      assert.equal(ifRangeHolds(header, '"CHK@a"'), false, String(header));
  });
});
