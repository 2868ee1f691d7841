/**
 * What a simulation run produces, as plain data: every scenario returns a `ScenarioReport`,
 * and the writers (JSON file, terminal table, HTML page with charts) render nothing else.
 *
 *   scenario.run(options) ──> ScenarioReport ──> report/json, report/text, report/html
 *
 * A report holds results only, so the same seed and parameters give a byte-identical
 * JSON file. How long the run took and how much memory it used change from machine to
 * machine: they travel separately, as `RunPerformance`.
 */

/** One named figure, e.g. `{ name: 'success rate', value: 0.994, unit: 'ratio' }`. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  /** How to read `value`: 'ratio' prints as a percentage; anything else is printed after the number. */
  readonly unit: 'ratio' | 'count' | 'hops' | 'ms' | 'bytes' | 'messages' | 'hashes' | 'days' | '';
  /** A published or expected figure to print next to it (same unit), with where it comes from. */
  readonly reference?: { readonly value: number; readonly source: string };
}

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  /** Cells as they print; numbers are printed with the precision they carry. */
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface Series {
  readonly label: string;
  /** (x, y) pairs in x order. */
  readonly points: readonly (readonly [number, number])[];
}

export interface Chart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** 'line' joins points; 'bar' draws a histogram (one bar per x). */
  readonly kind: 'line' | 'bar';
  readonly logX?: boolean;
  readonly series: readonly Series[];
}

/** The deterministic outcome of one scenario run. */
export interface ScenarioReport {
  readonly scenario: string;
  readonly seed: string;
  /** Every parameter the run used, defaults included, so the run can be repeated from the report. */
  readonly parameters: Readonly<Record<string, number | string | boolean>>;
  readonly figures: readonly Figure[];
  readonly tables: readonly Table[];
  readonly charts: readonly Chart[];
  /** Sentences a reader needs to interpret the figures (what was simulated, what was simplified). */
  readonly notes: readonly string[];
}

/** Machine-dependent facts about a run: printed and saved next to the report, never inside it. */
export interface RunPerformance {
  readonly wallMs: number;
  readonly nodes: number;
  /** Clock events fired (message deliveries and timers). */
  readonly events: number;
  readonly peakRssBytes: number;
}

/** A progress line while a scenario runs: `phase` is what it is doing, `done`/`total` how far. */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export interface ScenarioOptions {
  readonly nodes: number;
  readonly requests: number;
  readonly seed: string;
  /** Called often while running; rendering it (and throttling) is the caller's business. */
  readonly onProgress?: (progress: Progress) => void;
  /** Counts clock events for `RunPerformance`; scenarios add what their clocks fired. */
  readonly countEvents?: (events: number) => void;
  /** The one design to run, of the scenario's `designs` (default: all of them). */
  readonly design?: string;
}

export interface Scenario {
  readonly name: string;
  /** One line for `warren sim --list`. */
  readonly summary: string;
  readonly defaults: { readonly nodes: number; readonly requests: number };
  /** The designs it compares, each of which `--design` can run alone (none: the option is refused). */
  readonly designs?: readonly string[];
  run(options: ScenarioOptions): Promise<ScenarioReport>;
}
