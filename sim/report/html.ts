/**
 * The report as one self-contained HTML page (`report.html`): inline CSS, charts as inline SVG
 * (sim/report/svg.ts), no script, and a Content-Security-Policy that forbids loading anything, so
 * it opens the same from a file, offline, in any browser. Every text from the report is escaped.
 *
 *   renderHtml(report, performance?) ──> head (style, CSP) ── parameters ── figures ── charts
 *                                                            ── tables ── notes ── performance
 */
import { formatNumber, formatPerformance, formatValue, looksNumeric } from './format.js';
import type { RunPerformance, ScenarioReport, Table } from './model.js';
import { escapeHtml, renderChart } from './svg.js';

export const HTML_FILE = 'report.html';

const STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --rule: #d9dde5; --band: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px 20px 48px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 32px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 12px 4px 0; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; color: var(--muted); }
td.number { text-align: right; white-space: nowrap; }
.scroll { overflow-x: auto; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
dl.parameters { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.parameters dt { color: var(--muted); }
dl.parameters dd { margin: 0; font-variant-numeric: tabular-nums; }
figure.chart { margin: 16px 0 24px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; max-width: 720px; height: auto; background: #fff; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg.chart .tick { fill: var(--muted); }
svg.chart .axis-label { font-size: 13px; }
svg.chart .axis { stroke: var(--ink); stroke-width: 1; }
svg.chart .grid { stroke: var(--rule); stroke-width: 1; }
svg.chart .empty { fill: var(--muted); }
ul.notes li { margin-bottom: 4px; }
.performance { background: var(--band); padding: 8px 12px; border-radius: 4px; }
`;

function cell(text: string, header = false): string {
  const tag = header ? 'th' : 'td';
  const numeric = !header && looksNumeric(text);
  return `<${tag}${numeric ? ' class="number"' : ''}>${escapeHtml(text)}</${tag}>`;
}

function htmlTable(caption: string | undefined, columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<thead><tr>${columns.map((column) => cell(column, true)).join('')}</tr></thead>`;
  const body = `<tbody>${rows.map((row) => `<tr>${row.map((text) => cell(text)).join('')}</tr>`).join('')}</tbody>`;
  return `<div class="scroll"><table>${caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`}${head}${body}</table></div>`;
}

function parametersSection(report: ScenarioReport): string {
  const entries = Object.keys(report.parameters)
    .sort()
    .map((name) => {
      const value = report.parameters[name]!;
      return `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(typeof value === 'number' ? formatNumber(value) : String(value))}</dd>`;
    });
  return `<h2>Parameters</h2><dl class="parameters"><dt>seed</dt><dd>${escapeHtml(report.seed)}</dd>${entries.join('')}</dl>`;
}

function figuresSection(report: ScenarioReport): string {
  if (report.figures.length === 0) return '';
  const rows = report.figures.map(({ name, value, unit, reference }) => [
    name,
    formatValue(value, unit),
    reference === undefined ? '' : formatValue(reference.value, unit),
    reference?.source ?? '',
  ]);
  return `<h2>Figures</h2>${htmlTable(undefined, ['figure', 'value', 'reference', 'source'], rows)}`;
}

function tablesSection(tables: readonly Table[]): string {
  if (tables.length === 0) return '';
  const rendered = tables.map(({ title, columns, rows }) =>
    htmlTable(
      title,
      columns,
      rows.map((row) => row.map((value) => (typeof value === 'number' ? formatNumber(value) : value))),
    ),
  );
  return `<h2>Tables</h2>${rendered.join('')}`;
}

function chartsSection(report: ScenarioReport): string {
  if (report.charts.length === 0) return '';
  const figures = report.charts.map((chart) => `<figure class="chart"><figcaption>${escapeHtml(chart.title)}</figcaption>${renderChart(chart)}</figure>`);
  return `<h2>Charts</h2>${figures.join('')}`;
}

function notesSection(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  return `<h2>Notes</h2><ul class="notes">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
}

function performanceSection(performance: RunPerformance | undefined): string {
  if (performance === undefined) return '';
  const note = '<small>(this machine; not part of the deterministic report)</small>';
  return `<h2>Performance</h2><p class="performance">${escapeHtml(formatPerformance(performance))} <br>${note}</p>`;
}

/** The whole page. */
export function renderHtml(report: ScenarioReport, performance?: RunPerformance): string {
  const title = `warren sim: ${report.scenario} (seed ${report.seed})`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.scenario)}</h1>`,
    `<p class="subtitle">Warren network simulator report, seed ${escapeHtml(report.seed)}</p>`,
    parametersSection(report),
    figuresSection(report),
    chartsSection(report),
    tablesSection(report.tables),
    notesSection(report.notes),
    performanceSection(performance),
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
