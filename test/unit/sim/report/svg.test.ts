import assert from 'node:assert/strict';
import { escapeHtml, linearTicks, logTicks, renderChart, tickLabel } from '../../../../sim/report/svg.js';
import type { Chart } from '../../../../sim/report/model.js';

describe('sim/report/svg', () => {
  it('escapes the five characters HTML and SVG give meaning to', () => {
    assert.equal(escapeHtml(`a<b>&"c'`), 'a&#60;b&#62;&#38;&#34;c&#39;');
  });

  it('puts linear ticks at 1, 2 or 5 times a power of ten, covering the data', () => {
    assert.deepEqual(linearTicks(0, 9.3), { min: 0, max: 10, values: [0, 2, 4, 6, 8, 10], labels: ['0', '2', '4', '6', '8', '10'] });
    assert.deepEqual(linearTicks(0.91, 0.996).labels, ['0.9', '0.92', '0.94', '0.96', '0.98', '1']);
    assert.deepEqual(linearTicks(1, 1).labels, ['0', '0.2', '0.4', '0.6', '0.8', '1'], 'a single value is drawn against zero');
    assert.deepEqual(linearTicks(-4, -4).labels, ['-4', '-3', '-2', '-1', '0']);
    assert.deepEqual(linearTicks(0, 100_000).labels, ['0', '20k', '40k', '60k', '80k', '100k']);
    assert.deepEqual(linearTicks(1e20, 1e20 + 16_384).values, [1e20, 1e20 + 16_384], 'steps a double cannot resolve: the ends only');
    assert.equal(linearTicks(-Number.MAX_VALUE, Number.MAX_VALUE).values.length, 2);
  });

  it('puts log ticks on decades, with 2 and 5 between few of them, over the data padded a little', () => {
    assert.deepEqual(logTicks(1000, 100_000).labels, ['1000', '2000', '5000', '10k', '20k', '50k', '100k']);
    assert.deepEqual(logTicks(13, 200).labels, ['20', '50', '100', '200']);
    assert.deepEqual(logTicks(1000, 2000).labels, ['1000', '1200', '1400', '1600', '1800', '2000'], 'less than a decade: evenly stepped');
    assert.deepEqual(logTicks(1, 1e6).labels, ['1', '10', '100', '1000', '10k', '100k', '1M']);
    const single = logTicks(300, 300);
    assert.ok(single.min < 300 && single.max > 300);
    assert.equal(tickLabel(0.5, 0.5), '0.5');
  });

  const line: Chart = {
    title: 'hops',
    xLabel: 'nodes',
    yLabel: 'mean hops',
    kind: 'line',
    logX: true,
    series: [
      {
        label: 'ideal',
        points: [
          [1000, 3],
          [10_000, 4],
          [100_000, 5],
        ],
      },
      {
        label: 'random',
        points: [
          [1000, 7],
          [100_000, 16],
        ],
      },
    ],
  };

  it('draws a line chart: a polyline and dots per series, a legend entry each, axes labelled', () => {
    const svg = renderChart(line);
    assert.equal(svg.match(/<polyline /g)?.length, 2);
    assert.equal(svg.match(/<circle /g)?.length, 5);
    assert.match(svg, /<text x="\d+" y="\d+">ideal<\/text>.*<text x="\d+" y="\d+">random<\/text>/s);
    assert.match(svg, />nodes \(log scale\)<\/text>/);
    assert.match(svg, />mean hops<\/text>/);
    assert.match(svg, /<title>ideal: 10000, 4<\/title>/);
    // On a log axis 1000, 10000 and 100000 are evenly spaced.
    const xs = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].slice(0, 3).map(([, x]) => Number(x));
    assert.ok(Math.abs(xs[1]! - xs[0]! - (xs[2]! - xs[1]!)) < 0.2, `${xs}`);
  });

  it('starts the y axis at 0, so that 99.6 % next to 100 % is not a cliff', () => {
    const svg = renderChart({
      ...line,
      logX: false,
      series: [
        {
          label: 'success',
          points: [
            [1, 1],
            [2, 0.996],
          ],
        },
      ],
    });
    const labels = [...svg.matchAll(/text-anchor="end" dominant-baseline="middle">([^<]*)</g)].map(([, label]) => label);
    assert.deepEqual(labels, ['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });

  it('draws a bar chart: one bar per x, from zero', () => {
    const svg = renderChart({
      title: 'h',
      xLabel: 'hops',
      yLabel: 'requests',
      kind: 'bar',
      series: [
        {
          label: 'requests',
          points: [
            [1, 5],
            [2, 10],
            [3, 0],
          ],
        },
      ],
    });
    const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="#\w+"><title>/g)].map(([, height]) => Number(height));
    assert.equal(heights.length, 3);
    assert.ok(Math.abs(heights[1]! - 2 * heights[0]!) < 0.2 && heights[2] === 0, `${heights}`);
  });

  it('draws charts with more points than a function call takes arguments', () => {
    const points = Array.from({ length: 200_000 }, (_, index) => [index + 1, index % 7] as const);
    assert.equal(renderChart({ ...line, logX: false, series: [{ label: 'many', points }] }).match(/<circle /g)?.length, 200_000);
  });

  it('says "no data" for a chart without points', () => {
    assert.match(renderChart({ ...line, series: [] }), />no data<\/text>/);
    assert.match(renderChart({ ...line, series: [{ label: 'zero only', points: [[0, 1]] }] }), />no data<\/text>/, 'log x cannot place x = 0');
  });
});
