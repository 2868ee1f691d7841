/** Reports for the writer tests: a hand-made one with every kind of content, and a fast-check arbitrary. */
import fc from 'fast-check';
import type { Chart, Figure, ScenarioReport } from '../../../../sim/report/model.js';

export const sampleReport: ScenarioReport = {
  scenario: 'sample',
  seed: '7',
  parameters: { requests: 500, nodes: 200, zipfExponent: 1, topology: 'ideal' },
  figures: [
    { name: 'success rate', value: 0.994, unit: 'ratio', reference: { value: 0.668, source: 'Sandberg 2006 (stop)' } },
    { name: 'mean hops', value: 4.0591, unit: 'hops' },
    { name: 'bytes per success', value: 1536, unit: 'bytes' },
    { name: 'load Gini', value: 0.25, unit: '' },
  ],
  tables: [
    {
      title: 'black holes',
      columns: ['fraction', 'success'],
      rows: [
        [0.1, 0.95],
        [0.2, 'n/a'],
      ],
    },
  ],
  charts: [
    {
      title: 'hops against size',
      xLabel: 'nodes',
      yLabel: 'mean hops',
      kind: 'line',
      logX: true,
      series: [
        {
          label: 'ideal',
          points: [
            [1000, 3.1],
            [100_000, 5.2],
          ],
        },
        {
          label: 'random',
          points: [
            [1000, 7],
            [10_000, 12],
          ],
        },
      ],
    },
    {
      title: 'hops distribution',
      xLabel: 'hops',
      yLabel: 'requests',
      kind: 'bar',
      series: [
        {
          label: 'requests',
          points: [
            [1, 5],
            [2, 9],
            [3, 2],
          ],
        },
      ],
    },
  ],
  notes: ['payloads are 1 KiB'],
};

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const text = fc.string({ unit: 'binary', maxLength: 12 });
const unit = fc.constantFrom<Figure['unit']>('ratio', 'count', 'hops', 'ms', 'bytes', 'messages', 'hashes', 'days', '');
const figure: fc.Arbitrary<Figure> = fc.record(
  { name: text, value: finite, unit, reference: fc.record({ value: finite, source: text }) },
  { requiredKeys: ['name', 'value', 'unit'] },
);
const chart: fc.Arbitrary<Chart> = fc.record(
  {
    title: text,
    xLabel: text,
    yLabel: text,
    kind: fc.constantFrom<Chart['kind']>('line', 'bar'),
    logX: fc.boolean(),
    series: fc.array(fc.record({ label: text, points: fc.array(fc.tuple(finite, finite), { maxLength: 6 }) }), { maxLength: 3 }),
  },
  { requiredKeys: ['title', 'xLabel', 'yLabel', 'kind', 'series'] },
);

/** Any report whose numbers are finite: text from the whole of Unicode (lone surrogates included). */
export const arbitraryReport: fc.Arbitrary<ScenarioReport> = fc.record({
  scenario: text,
  seed: text,
  parameters: fc.dictionary(text, fc.oneof(finite, text, fc.boolean()), { maxKeys: 5 }),
  figures: fc.array(figure, { maxLength: 5 }),
  tables: fc.array(
    fc.record({ title: text, columns: fc.array(text, { maxLength: 3 }), rows: fc.array(fc.array(fc.oneof(finite, text), { maxLength: 3 }), { maxLength: 3 }) }),
    { maxLength: 2 },
  ),
  charts: fc.array(chart, { maxLength: 2 }),
  notes: fc.array(text, { maxLength: 3 }),
});
