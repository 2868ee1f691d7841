import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NonFiniteReportValueError } from '../../../../sim/report/errors.js';
import { performanceJson, reportJson } from '../../../../sim/report/json.js';
import type { ScenarioReport } from '../../../../sim/report/model.js';
import { arbitraryReport, sampleReport } from './sample-report.js';

/** The report with its parameters in name order and -0 read as 0: what JSON.parse must give back. */
function expected(report: ScenarioReport): unknown {
  const parameters = Object.fromEntries(Object.entries(report.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.parse(JSON.stringify({ ...report, parameters }, (_, value: unknown) => (Object.is(value, -0) ? 0 : value)));
}

describe('sim/report/json', () => {
  it('round-trips any report with finite numbers, fields in a fixed order, parameters by name', () => {
    fc.assert(
      fc.property(arbitraryReport, (report) => {
        const text = reportJson(report);
        assert.deepStrictEqual(JSON.parse(text), expected(report));
        assert.deepStrictEqual(Object.keys(JSON.parse(text)), ['scenario', 'seed', 'parameters', 'figures', 'tables', 'charts', 'notes']);
        assert.ok(text.endsWith('}\n'));
      }),
    );
  });

  it('gives the same bytes whatever order the scenario built its objects in', () => {
    const shuffled: ScenarioReport = {
      notes: sampleReport.notes,
      charts: sampleReport.charts.map(({ series, kind, logX, yLabel, xLabel, title }) => ({
        series,
        kind,
        ...(logX === undefined ? {} : { logX }),
        yLabel,
        xLabel,
        title,
      })),
      tables: sampleReport.tables,
      figures: sampleReport.figures.map(({ reference, unit, value, name }) => ({ unit, value, name, ...(reference === undefined ? {} : { reference }) })),
      parameters: Object.fromEntries(Object.entries(sampleReport.parameters).reverse()),
      seed: sampleReport.seed,
      scenario: sampleReport.scenario,
    };
    assert.equal(reportJson(shuffled), reportJson(sampleReport));
    assert.match(reportJson(sampleReport), /"parameters": \{\n {4}"nodes": 200,\n {4}"requests": 500,\n {4}"topology": "ideal",/);
  });

  it('refuses NaN and infinities, naming where they are', () => {
    const withNaN = { ...sampleReport, figures: [{ name: 'mean hops', value: Number.NaN, unit: 'hops' as const }] };
    assert.throws(
      () => reportJson(withNaN),
      (error: unknown) => error instanceof NonFiniteReportValueError && /figure 0 \(mean hops\) is NaN/.test(error.message),
    );
    const chart = { ...sampleReport.charts[1]!, series: [{ label: 'requests', points: [[1, Number.POSITIVE_INFINITY]] as const }] };
    assert.throws(() => reportJson({ ...sampleReport, charts: [chart] }), /chart 0 \(hops distribution\) requests point 0 y is Infinity/);
    assert.throws(() => reportJson({ ...sampleReport, parameters: { nodes: Number.NEGATIVE_INFINITY } }), { code: 'ERR_REPORT_NOT_FINITE' });
  });

  it('writes the performance with its rates', () => {
    const performance = JSON.parse(performanceJson({ wallMs: 2_000, nodes: 10_000, events: 3_000_001, peakRssBytes: 1 << 30 }));
    assert.deepEqual(performance, {
      wallMs: 2_000,
      nodes: 10_000,
      events: 3_000_001,
      peakRssBytes: 1 << 30,
      nodesPerSecond: 5_000,
      eventsPerSecond: 1_500_001,
    });
  });
});
