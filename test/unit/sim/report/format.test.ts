import assert from 'node:assert/strict';
import { formatBytes, formatDuration, formatNumber, formatPerformance, formatValue, looksNumeric } from '../../../../sim/report/format.js';

describe('sim/report/format', () => {
  it('prints numbers with the precision they carry, whole numbers grouped from 10,000', () => {
    assert.deepEqual([0.99412, 4.0591, 123.4, 1234, 12_345, 0.00012345, 0, -2.5].map(formatNumber), [
      '0.994',
      '4.06',
      '123',
      '1234',
      '12,345',
      '0.000123',
      '0',
      '-2.5',
    ]);
  });

  it('prints values in their units', () => {
    assert.equal(formatValue(0.994, 'ratio'), '99.4 %');
    assert.equal(formatValue(0.07, 'ratio'), '7 %');
    assert.equal(formatValue(4.06, 'hops'), '4.06 hops');
    assert.equal(formatValue(1536, 'bytes'), '1.5 KiB');
    assert.equal(formatValue(0.25, ''), '0.25');
    assert.equal(formatValue(12_000, 'count'), '12,000');
    assert.deepEqual([512, 1024, 3.2 * 2 ** 30].map(formatBytes), ['512 B', '1.0 KiB', '3.2 GiB']);
  });

  it('prints durations and the performance line', () => {
    assert.deepEqual([850, 12_345, 245_000].map(formatDuration), ['850 ms', '12.3 s', '4 min 05 s']);
    assert.equal(
      formatPerformance({ wallMs: 4_000, nodes: 10_000, events: 1_000_000, peakRssBytes: 512 * 2 ** 20 }),
      '4.0 s wall, 10,000 nodes (2500 nodes/s), 1,000,000 events (250,000 events/s), peak RSS 512.0 MiB',
    );
  });

  it('tells numeric cells from words', () => {
    assert.deepEqual(['99.4 %', '4.06 hops', '12,345', '-3', 'n/a', 'ideal', '', '1.5 KiB'].map(looksNumeric), [
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
  });
});
