/**
 * Charts as inline SVG, drawn by this module alone (no script, font or file from elsewhere):
 * line charts (axes, ticks, gridlines, legend, optional logarithmic x) and bar charts (one
 * group of bars per x, for histograms). The y axis always includes 0, so a drop from 100 % to
 * 99.6 % looks like one. Every text is escaped.
 *
 *   renderChart(chart) ──> <svg> ── axis(scale) ── ticks: linearTicks | logTicks
 *                                └─ lineMarks | barMarks ── legend
 */
import type { Chart, Series } from './model.js';

const WIDTH = 640;
const HEIGHT = 340;
const MARGIN = { left: 68, right: 20, bottom: 52 };
const LEGEND_ROW = 18;
const TICKS = 6;
/** Okabe–Ito colours: told apart by colour-blind readers too. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** Text for HTML and SVG, in elements and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A tick label: compact for large values (20k, 1.5M), with the decimals the tick step needs. */
export function tickLabel(value: number, step: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 && step >= 1e5) return `${Number((value / 1e6).toFixed(2))}M`;
  if (magnitude >= 1e4 && step >= 100) return `${Number((value / 1e3).toFixed(2))}k`;
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return Number(value.toFixed(digits)).toString();
}

export interface Ticks {
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
  readonly labels: readonly string[];
}

/**
 * Ticks at 1, 2 or 5 times a power of ten, on a domain widened to whole steps around [min, max].
 * A single value is drawn against zero (a flat line of 1 on 0..1, not on 0.5..1.5).
 */
export function linearTicks(min: number, max: number, count = TICKS): Ticks {
  if (min === max) return linearTicks(Math.min(0, min), min === 0 ? 1 : Math.max(0, max), count);
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const start = Math.floor(min / step + 1e-9) * step;
  const end = Math.ceil(max / step - 1e-9) * step;
  if (!Number.isFinite(end - start) || rough <= Math.max(Math.abs(min), Math.abs(max)) * 1e-12) {
    // A span too wide for a double, or too narrow to tell from its values: the two ends only.
    return { min, max, values: [min, max], labels: [min, max].map((value) => String(Number(value.toPrecision(6)))) };
  }
  const steps = Math.round((end - start) / step);
  const values = Array.from({ length: steps + 1 }, (_, index) => Number((start + index * step).toPrecision(12)));
  return { min: start, max: end, values, labels: values.map((value) => tickLabel(value, step)) };
}

/**
 * Ticks for a logarithmic axis over [min, max] (both > 0), padded by a twentieth of the span
 * (a tenth of a decade around a single value): 1, 2 and 5 times powers of ten over up to
 * three decades, whole decades beyond, evenly stepped ones when those would be fewer than 3.
 */
export function logTicks(min: number, max: number): Ticks {
  const span = Math.log10(max) - Math.log10(min);
  const pad = span === 0 ? 0.1 : span / 20;
  const low = Math.log10(min) - pad;
  const high = Math.log10(max) + pad;
  const factors = high - low <= 3 ? [1, 2, 5] : [1];
  const values: number[] = [];
  for (let exponent = Math.floor(low); exponent <= Math.ceil(high); exponent++) {
    for (const factor of factors) {
      const value = Number((factor * 10 ** exponent).toPrecision(12));
      const position = Math.log10(value);
      if (position >= low && position <= high) values.push(value);
    }
  }
  if (values.length < 3) {
    // Less than a decade: evenly stepped ticks read better than one or two at 1, 2, 5.
    const linear = linearTicks(10 ** low, 10 ** high);
    const inside = linear.values.map((value, index) => [value, linear.labels[index]!] as const).filter(([value]) => value >= 10 ** low && value <= 10 ** high);
    return { min: 10 ** low, max: 10 ** high, values: inside.map(([value]) => value), labels: inside.map(([, label]) => label) };
  }
  return { min: 10 ** low, max: 10 ** high, values, labels: values.map((value) => tickLabel(value, value)) };
}

/** Smallest and largest of `values` (not by spreading them: a chart may have more points than a call has arguments). */
function extent(values: readonly number[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return [low, high];
}

interface Frame {
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
}

/** Legend entries laid out in rows above the plot; returns the markup and the height it takes. */
function legend(series: readonly Series[], kind: Chart['kind']): { markup: string; height: number } {
  if (series.length === 0) return { markup: '', height: 8 };
  const items: string[] = [];
  let x = MARGIN.left;
  let row = 0;
  series.forEach(({ label }, index) => {
    const width = 28 + 7 * label.length;
    if (x + width > WIDTH - MARGIN.right && x > MARGIN.left) {
      x = MARGIN.left;
      row++;
    }
    const y = 14 + row * LEGEND_ROW;
    const colour = PALETTE[index % PALETTE.length]!;
    const swatch =
      kind === 'bar'
        ? `<rect x="${x}" y="${y - 9}" width="14" height="10" fill="${colour}"/>`
        : `<line x1="${x}" y1="${y - 4}" x2="${x + 16}" y2="${y - 4}" stroke="${colour}" stroke-width="2.5"/>`;
    items.push(`<g class="legend">${swatch}<text x="${x + 20}" y="${y}">${escapeHtml(label)}</text></g>`);
    x += width;
  });
  return { markup: items.join(''), height: 14 + (row + 1) * LEGEND_ROW };
}

function yAxis(ticks: Ticks, frame: Frame, scale: (y: number) => number, label: string): string {
  const marks = ticks.values.map((value, index) => {
    const y = scale(value).toFixed(1);
    return (
      `<line class="grid" x1="${frame.left}" y1="${y}" x2="${frame.right}" y2="${y}"/>` +
      `<text class="tick" x="${frame.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(ticks.labels[index]!)}</text>`
    );
  });
  const middle = ((frame.top + frame.bottom) / 2).toFixed(1);
  return `${marks.join('')}<text class="axis-label" transform="translate(16 ${middle}) rotate(-90)" text-anchor="middle">${escapeHtml(label)}</text>`;
}

function xAxisLabel(frame: Frame, label: string): string {
  return `<text class="axis-label" x="${((frame.left + frame.right) / 2).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="middle">${escapeHtml(label)}</text>`;
}

function xTick(x: number, frame: Frame, text: string): string {
  const position = x.toFixed(1);
  return (
    `<line class="axis" x1="${position}" y1="${frame.bottom}" x2="${position}" y2="${frame.bottom + 5}"/>` +
    `<text class="tick" x="${position}" y="${frame.bottom + 18}" text-anchor="middle">${escapeHtml(text)}</text>`
  );
}

function pointTitle(label: string, x: number, y: number): string {
  return `<title>${escapeHtml(`${label}: ${x}, ${y}`)}</title>`;
}

function lineMarks(chart: Chart, frame: Frame): string {
  const points = chart.series.flatMap((series) => series.points).filter(([x]) => !chart.logX || x > 0);
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const xTicks = chart.logX ? logTicks(...extent(xs)) : linearTicks(...extent(xs));
  const yTicks = linearTicks(...extent([0, ...ys]));
  const toX = chart.logX
    ? (x: number) => frame.left + ((Math.log10(x) - Math.log10(xTicks.min)) / (Math.log10(xTicks.max) - Math.log10(xTicks.min))) * (frame.right - frame.left)
    : (x: number) => frame.left + ((x - xTicks.min) / (xTicks.max - xTicks.min)) * (frame.right - frame.left);
  const toY = (y: number) => frame.bottom - ((y - yTicks.min) / (yTicks.max - yTicks.min)) * (frame.bottom - frame.top);
  const lines = chart.series.map(({ label, points: seriesPoints }, index) => {
    const colour = PALETTE[index % PALETTE.length]!;
    const drawn = seriesPoints.filter(([x]) => !chart.logX || x > 0);
    const path = drawn.map(([x, y]) => `${toX(x).toFixed(1)},${toY(y).toFixed(1)}`).join(' ');
    const dots = drawn.map(
      ([x, y]) => `<circle cx="${toX(x).toFixed(1)}" cy="${toY(y).toFixed(1)}" r="3" fill="${colour}">${pointTitle(label, x, y)}</circle>`,
    );
    return `<g class="series"><polyline fill="none" stroke="${colour}" stroke-width="2" points="${path}"/>${dots.join('')}</g>`;
  });
  const xMarks = xTicks.values.map((value, index) => xTick(toX(value), frame, xTicks.labels[index]!));
  return yAxis(yTicks, frame, toY, chart.yLabel) + xMarks.join('') + lines.join('');
}

function barMarks(chart: Chart, frame: Frame): string {
  const categories = [...new Set(chart.series.flatMap(({ points }) => points.map(([x]) => x)))].sort((a, b) => a - b);
  const ys = chart.series.flatMap(({ points }) => points.map(([, y]) => y));
  const [low, high] = extent([0, ...ys]);
  const yTicks = linearTicks(low, high);
  const toY = (y: number) => frame.bottom - ((y - yTicks.min) / (yTicks.max - yTicks.min)) * (frame.bottom - frame.top);
  const band = (frame.right - frame.left) / categories.length;
  const barWidth = (band * 0.8) / chart.series.length;
  const labelEvery = Math.ceil(categories.length / 20);
  const xStep = categories.length > 1 ? extent(categories.slice(1).map((x, index) => x - categories[index]!))[0] : 1;
  const bars = chart.series.map(({ label, points }, seriesIndex) => {
    const colour = PALETTE[seriesIndex % PALETTE.length]!;
    const rects = points.map(([x, y]) => {
      const left = frame.left + categories.indexOf(x) * band + band * 0.1 + seriesIndex * barWidth;
      const top = Math.min(toY(y), toY(0));
      const height = Math.abs(toY(y) - toY(0));
      const box = `x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}"`;
      return `<rect ${box} fill="${colour}">${pointTitle(label, x, y)}</rect>`;
    });
    return `<g class="series">${rects.join('')}</g>`;
  });
  const xMarks = categories.map((x, index) => (index % labelEvery === 0 ? xTick(frame.left + (index + 0.5) * band, frame, tickLabel(x, xStep)) : '')).join('');
  return yAxis(yTicks, frame, toY, chart.yLabel) + xMarks + bars.join('');
}

/** One chart as an `<svg>` element, sized by its viewBox so it scales with the page. */
export function renderChart(chart: Chart): string {
  const { markup: legendMarkup, height: legendHeight } = legend(chart.series, chart.kind);
  const frame: Frame = { top: legendHeight + 6, left: MARGIN.left, right: WIDTH - MARGIN.right, bottom: HEIGHT - MARGIN.bottom };
  const hasPoints = chart.series.some(({ points }) => points.some(([x]) => !chart.logX || x > 0));
  const marks = !hasPoints
    ? `<text class="empty" x="${WIDTH / 2}" y="${(frame.top + frame.bottom) / 2}" text-anchor="middle">no data</text>`
    : chart.kind === 'bar'
      ? barMarks(chart, frame)
      : lineMarks(chart, frame);
  const axes =
    `<line class="axis" x1="${frame.left}" y1="${frame.bottom}" x2="${frame.right}" y2="${frame.bottom}"/>` +
    `<line class="axis" x1="${frame.left}" y1="${frame.top}" x2="${frame.left}" y2="${frame.bottom}"/>`;
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(chart.title)}">` +
    `${marks}${axes}${xAxisLabel(frame, chart.logX ? `${chart.xLabel} (log scale)` : chart.xLabel)}${legendMarkup}</svg>`
  );
}
