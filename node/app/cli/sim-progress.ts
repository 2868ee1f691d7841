/**
 * The progress line of `warren sim` on stderr: what the scenario is doing, how far, and what the
 * run has cost so far (wall time, clock events, peak memory). On a terminal one line is rewritten
 * in place at most every 100 ms; otherwise (a file, a pipe, CI) a plain line at most every 2 s.
 *
 *   scenario ──onProgress──> SimProgress.update ──throttle──> stderr
 *            ──countEvents──> SimProgress.addEvents
 */
import { formatBytes, formatDuration, formatNumber } from '../../../sim/report/format.js';
import type { Progress } from '../../../sim/report/model.js';

const TTY_INTERVAL_MS = 100;
const LINE_INTERVAL_MS = 2_000;

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface SimProgressComponents {
  readonly stream: ProgressStream;
  /** Wall-clock milliseconds (default `performance.now`). */
  readonly now?: () => number;
  /** Peak resident memory so far, in bytes (default: `process.resourceUsage().maxRSS`). */
  readonly peakRssBytes?: () => number;
}

export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export class SimProgress {
  events = 0;
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly rss: () => number;
  private readonly started: number;
  private lastShown = -Infinity;
  private shown = false;

  constructor(
    private readonly scenario: string,
    components: SimProgressComponents,
  ) {
    this.stream = components.stream;
    this.now = components.now ?? (() => performance.now());
    this.rss = components.peakRssBytes ?? peakRssBytes;
    this.started = this.now();
  }

  /** Wall-clock milliseconds since the run started. */
  elapsedMs(): number {
    return this.now() - this.started;
  }

  addEvents(events: number): void {
    this.events += events;
  }

  update({ phase, done, total }: Progress): void {
    const now = this.now();
    if (now - this.lastShown < (this.stream.isTTY ? TTY_INTERVAL_MS : LINE_INTERVAL_MS)) return;
    this.lastShown = now;
    const share = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : '';
    const line =
      `${this.scenario}: ${phase} ${formatNumber(done)}/${formatNumber(total)}${share} | ${formatDuration(now - this.started)} | ` +
      `${formatNumber(this.events)} events | peak RSS ${formatBytes(this.rss())}`;
    this.stream.write(this.stream.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
    this.shown = true;
  }

  /** Clears the line on a terminal, so what follows starts on a clean line. */
  finish(): void {
    if (this.stream.isTTY && this.shown) this.stream.write('\r\x1b[K');
  }
}
