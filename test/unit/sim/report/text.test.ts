import assert from 'node:assert/strict';
import { renderText } from '../../../../sim/report/text.js';
import { sampleReport } from './sample-report.js';

describe('sim/report/text', () => {
  const text = renderText(sampleReport, { wallMs: 2_500, nodes: 200, events: 50_000, peakRssBytes: 100 * 2 ** 20 });
  const lines = text.split('\n');

  it('starts with the scenario, seed and parameters in name order', () => {
    assert.equal(lines[0], 'warren sim: sample (seed 7)');
    assert.equal(lines[1], 'parameters: nodes 200, requests 500, topology ideal, zipfExponent 1');
  });

  it('prints each figure with its unit, its reference beside it', () => {
    const success = lines.find((line) => line.startsWith('success rate'))!;
    assert.match(success, /^success rate +99\.4 % +66\.8 % +Sandberg 2006 \(stop\)$/);
    assert.match(lines.find((line) => line.startsWith('mean hops'))!, /^mean hops +4\.06 hops$/);
    assert.match(text, /bytes per success +1\.5 KiB/);
    const header = lines.find((line) => line.startsWith('figure'))!;
    assert.equal(success.indexOf('%') + 1, header.indexOf('value') + 'value'.length, 'values are right-aligned under their header');
  });

  it('prints tables, and charts as tables with one column per series', () => {
    const table = text.slice(text.indexOf('black holes\n'));
    assert.match(table, /^black holes\nfraction {2}success\n-{8} {2}-{7}\n {5}0\.1 {2}0\.95\n {5}0\.2 {2}n\/a\n/, 'a column with words is left-aligned');
    assert.match(text, /hops against size \(chart; mean hops\)\n {2}nodes {2}ideal {2}random\n/);
    assert.match(text, /\n {3}1000 {4}3\.1 {7}7\n/);
    assert.match(text, /\n 10,000 {13}12\n/, 'blank where a series has no point');
    assert.match(text, /hops distribution \(chart\)\nhops {2}requests\n/);
  });

  it('ends with the notes and the performance line', () => {
    assert.ok(
      text.endsWith('notes:\n- payloads are 1 KiB\n\nperformance: 2.5 s wall, 200 nodes (80 nodes/s), 50,000 events (20,000 events/s), peak RSS 100.0 MiB\n'),
    );
    assert.ok(!renderText(sampleReport).includes('performance:'));
  });

  it('cuts long chart data short and says where the rest is', () => {
    const points = Array.from({ length: 50 }, (_, day) => [day, 1 - day / 100] as const);
    const long = renderText({
      ...sampleReport,
      charts: [{ title: 'retention', xLabel: 'day', yLabel: 'retrievable', kind: 'line', series: [{ label: 'files', points }] }],
    });
    assert.match(long, /\n 39 +0\.61\n… 10 more row\(s\) in report\.json and report\.html\n/);
  });
});
