/**
 * Measuring helpers shared by the bench scripts: rates are medians over rounds,
 * so a noisy shared machine moves them less, and every figure is printed next
 * to a reference measured in the same run.
 */
import { randomFillSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `fraction` (0..1) of `values` lie (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export interface RateOptions {
  /** Rounds to take the median of (default 7). */
  rounds?: number;
  /** Minimum duration of one round in milliseconds (default 300). */
  roundMs?: number;
  /**
   * What a round's duration is measured in (default 'wall'): 'cpu' counts the process CPU time,
   * so a loaded machine that takes the core away mid-round does not lower the rate.
   */
  clock?: 'wall' | 'cpu';
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median operations per second of `operation` over several timed rounds, after a warm-up round. */
export function measureRate(operation: () => void, { rounds = 7, roundMs = 300, clock = 'wall' }: RateOptions = {}): number {
  const now = clock === 'cpu' ? cpuMs : () => performance.now();
  const rates: number[] = [];
  for (let round = -1; round < rounds; round++) {
    let count = 0;
    const startedAt = now();
    let elapsed = 0;
    while (elapsed < roundMs) {
      for (let i = 0; i < 16; i++) operation();
      count += 16;
      elapsed = now() - startedAt;
    }
    if (round >= 0) rates.push((count * 1000) / elapsed);
  }
  return median(rates);
}

/** `p50 ms / p99 ms` of millisecond samples. */
export function p50p99(values: readonly number[]): string {
  return `${percentile(values, 0.5).toFixed(2)} ms / ${percentile(values, 0.99).toFixed(2)} ms`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Prints aligned rows of label, figure and note. */
export function printRows(title: string, rows: ReadonlyArray<readonly [string, string, string?]>): void {
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const figureWidth = Math.max(...rows.map(([, figure]) => figure.length));
  console.log(`\n${title}`);
  for (const [label, figure, note] of rows) {
    console.log(`  ${label.padEnd(labelWidth)}  ${figure.padStart(figureWidth)}${note === undefined ? '' : `  ${note}`}`);
  }
}

/** Writes `bytes` fresh random bytes to `path` (16 MiB at a time), so no cache or dedup helps a run. */
export async function randomFile(path: string, bytes: number): Promise<string> {
  const buffer = Buffer.alloc(Math.min(bytes, 2 ** 24));
  await writeFile(path, '');
  for (let left = bytes; left > 0; left -= buffer.length)
    await writeFile(path, randomFillSync(buffer).subarray(0, Math.min(left, buffer.length)), { flag: 'a' });
  return path;
}
