/**
 * The report as JSON files: `report.json` (the `ScenarioReport`, deterministic: the same seed and
 * parameters give the same bytes) and `performance.json` (the run's wall time, events, peak memory
 * and their rates, which differ from machine to machine).
 *
 * Stable means: fields in a fixed order whatever order the scenario built them in (parameters by
 * name), two-space indentation, a final newline, and no number JSON cannot hold (NaN, ±Infinity
 * are refused rather than turned into null).
 */
import { NonFiniteReportValueError } from './errors.js';
import { performanceRates } from './format.js';
import type { Chart, Figure, RunPerformance, ScenarioReport, Table } from './model.js';

export const REPORT_FILE = 'report.json';
export const PERFORMANCE_FILE = 'performance.json';

function finite(value: number, path: string): number {
  if (!Number.isFinite(value)) throw new NonFiniteReportValueError(path, value);
  return value === 0 ? 0 : value;
}

function cell(value: string | number, path: string): string | number {
  return typeof value === 'number' ? finite(value, path) : value;
}

function figure({ name, value, unit, reference }: Figure, path: string): Figure {
  return {
    name,
    value: finite(value, `${path} (${name})`),
    unit,
    ...(reference === undefined ? {} : { reference: { value: finite(reference.value, `${path} (${name}) reference`), source: reference.source } }),
  };
}

function table({ title, columns, rows }: Table, path: string): Table {
  return { title, columns: [...columns], rows: rows.map((row, r) => row.map((value, c) => cell(value, `${path} (${title}) row ${r} column ${c}`))) };
}

function chart({ title, xLabel, yLabel, kind, logX, series }: Chart, path: string): Chart {
  return {
    title,
    xLabel,
    yLabel,
    kind,
    ...(logX === undefined ? {} : { logX }),
    series: series.map(({ label, points }) => ({
      label,
      points: points.map(
        ([x, y], index) => [finite(x, `${path} (${title}) ${label} point ${index} x`), finite(y, `${path} (${title}) ${label} point ${index} y`)] as const,
      ),
    })),
  };
}

/** The report with its fields in the canonical order, every number checked. */
function canonicalReport(report: ScenarioReport): ScenarioReport {
  const parameters = Object.fromEntries(
    Object.keys(report.parameters)
      .sort()
      .map((name) => {
        const value = report.parameters[name]!;
        return [name, typeof value === 'number' ? finite(value, `parameter ${name}`) : value];
      }),
  );
  return {
    scenario: report.scenario,
    seed: report.seed,
    parameters,
    figures: report.figures.map((item, index) => figure(item, `figure ${index}`)),
    tables: report.tables.map((item, index) => table(item, `table ${index}`)),
    charts: report.charts.map((item, index) => chart(item, `chart ${index}`)),
    notes: [...report.notes],
  };
}

/** `report.json`'s text. */
export function reportJson(report: ScenarioReport): string {
  return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
}

/** `performance.json`'s text: the performance and its rates (nodes/s, events/s). */
export function performanceJson(performance: RunPerformance): string {
  const { wallMs, nodes, events, peakRssBytes, nodesPerSecond, eventsPerSecond } = performanceRates(performance);
  const fields = { wallMs, nodes, events, peakRssBytes, nodesPerSecond, eventsPerSecond };
  for (const [name, value] of Object.entries(fields)) finite(value, `performance ${name}`);
  return `${JSON.stringify(fields, null, 2)}\n`;
}
