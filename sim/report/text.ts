/**
 * The report as a terminal table: a heading with the scenario, seed and parameters; the figures
 * with their units and, side by side, the reference each is compared with; each table; each
 * chart's data as a table (x, then one column per series); the notes; and, when given, a
 * one-line performance summary.
 *
 *   renderText(report, performance?) ──> string (plain text, no colour codes)
 */
import { formatNumber, formatPerformance, formatValue, looksNumeric } from './format.js';
import type { Chart, RunPerformance, ScenarioReport, Table } from './model.js';

/** Rows of a chart's data printed on the terminal; the rest are in report.json and report.html. */
export const MAX_CHART_ROWS = 40;

const GAP = '  ';

/** Lays out rows under a header; columns whose cells are all numbers are right-aligned. */
function grid(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const rightAligned = header.map((_, column) => rows.length > 0 && rows.every((row) => (row[column] ?? '') === '' || looksNumeric(row[column]!)));
  const line = (cells: readonly string[]) =>
    cells
      .map((text, column) => (rightAligned[column] ? text.padStart(widths[column]!) : text.padEnd(widths[column]!)))
      .join(GAP)
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join(GAP), ...rows.map(line)];
}

function cellText(value: string | number): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}

function figuresSection(report: ScenarioReport): string[] {
  if (report.figures.length === 0) return [];
  const withReferences = report.figures.some((figure) => figure.reference !== undefined);
  const header = withReferences ? ['figure', 'value', 'reference', 'source'] : ['figure', 'value'];
  const rows = report.figures.map(({ name, value, unit, reference }) =>
    withReferences
      ? [name, formatValue(value, unit), reference === undefined ? '' : formatValue(reference.value, unit), reference?.source ?? '']
      : [name, formatValue(value, unit)],
  );
  return grid(header, rows);
}

function tableSection({ title, columns, rows }: Table): string[] {
  return [
    title,
    ...grid(
      columns,
      rows.map((row) => row.map(cellText)),
    ),
  ];
}

/** A chart's points as a table: one row per x, one column per series (blank where a series has no point). */
function chartSection({ title, xLabel, yLabel, series }: Chart): string[] {
  const xs = [...new Set(series.flatMap(({ points }) => points.map(([x]) => x)))].sort((a, b) => a - b);
  const lookups = series.map(({ points }) => new Map(points.map(([x, y]) => [x, y])));
  const header = [xLabel, ...series.map(({ label }) => (series.length === 1 ? yLabel : label))];
  const rows = xs.slice(0, MAX_CHART_ROWS).map((x) => [formatNumber(x), ...lookups.map((lookup) => (lookup.has(x) ? formatNumber(lookup.get(x)!) : ''))]);
  const heading = series.length === 1 ? `${title} (chart)` : `${title} (chart; ${yLabel})`;
  const more = xs.length > MAX_CHART_ROWS ? [`… ${xs.length - MAX_CHART_ROWS} more row(s) in report.json and report.html`] : [];
  return [heading, ...grid(header, rows), ...more];
}

function parametersLine(report: ScenarioReport): string {
  const entries = Object.keys(report.parameters)
    .sort()
    .map((name) => {
      const value = report.parameters[name]!;
      return `${name} ${typeof value === 'number' ? formatNumber(value) : String(value)}`;
    });
  return `parameters: ${entries.join(', ')}`;
}

/** The whole report as text, ending with a newline. */
export function renderText(report: ScenarioReport, performance?: RunPerformance): string {
  const sections: string[][] = [
    [`warren sim: ${report.scenario} (seed ${report.seed})`, parametersLine(report)],
    figuresSection(report),
    ...report.tables.map(tableSection),
    ...report.charts.map(chartSection),
    report.notes.length === 0 ? [] : ['notes:', ...report.notes.map((note) => `- ${note}`)],
    performance === undefined ? [] : [`performance: ${formatPerformance(performance)}`],
  ];
  return `${sections
    .filter((section) => section.length > 0)
    .map((section) => section.join('\n'))
    .join('\n\n')}\n`;
}
