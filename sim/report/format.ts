/**
 * How report numbers read, shared by the terminal table and the HTML page: a figure's value
 * with its unit, plain numbers with the precision they carry, byte sizes, durations, and the
 * rates derived from a run's performance.
 */
import type { Figure, RunPerformance } from './model.js';

/** Digits after the point: enough to show 3 significant digits, none for whole numbers, at most 6. */
function decimals(value: number): number {
  if (Number.isInteger(value)) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return Math.min(6, Math.max(0, 2 - magnitude));
}

/** A number as it prints: whole numbers grouped by thousands (12,345), others to 3 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = decimals(value);
  const rounded = Number(value.toFixed(digits));
  return rounded.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits, useGrouping: Math.abs(rounded) >= 10_000 });
}

/** Whether a printed cell is a number (with an optional unit): such columns are right-aligned. */
export function looksNumeric(text: string): boolean {
  return /^[-+]?[\d,.]+( ?[%\w]+)?$/.test(text) && /\d/.test(text);
}

/** A byte count with a binary unit: 512 B, 1.5 KiB, 32.0 MiB. */
export function formatBytes(count: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = count;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${formatNumber(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A wall-clock duration: 850 ms, 12.3 s, 4 min 05 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A value in a figure's unit: a ratio as a percentage, bytes with a binary unit, a count bare, others with their unit after. */
export function formatValue(value: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'ratio':
      return `${formatNumber(Number((100 * value).toPrecision(12)))} %`;
    case 'bytes':
      return formatBytes(value);
    case 'count':
    case '':
      return formatNumber(value);
    default:
      return `${formatNumber(value)} ${unit}`;
  }
}

/** A run's performance with the rates people compare: nodes and clock events per wall-clock second. */
export interface PerformanceRates extends RunPerformance {
  readonly nodesPerSecond: number;
  readonly eventsPerSecond: number;
}

export function performanceRates(performance: RunPerformance): PerformanceRates {
  const seconds = Math.max(performance.wallMs, 1) / 1000;
  return {
    ...performance,
    nodesPerSecond: Math.round(performance.nodes / seconds),
    eventsPerSecond: Math.round(performance.events / seconds),
  };
}

/** One line: wall time, nodes/s, events/s, peak RSS. */
export function formatPerformance(performance: RunPerformance): string {
  const rates = performanceRates(performance);
  return (
    `${formatDuration(rates.wallMs)} wall, ${formatNumber(rates.nodes)} nodes (${formatNumber(rates.nodesPerSecond)} nodes/s), ` +
    `${formatNumber(rates.events)} events (${formatNumber(rates.eventsPerSecond)} events/s), peak RSS ${formatBytes(rates.peakRssBytes)}`
  );
}
