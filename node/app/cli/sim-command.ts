/**
 * `warren sim`: runs a named scenario (sim/scenarios/index.ts) on the simulator and reports it:
 * the text report on stdout, a progress line on stderr, and with `--out DIR` the files
 * report.json (deterministic), performance.json and report.html. `warren sim --list` names them.
 *
 *   options ──check──> Scenario.run({ nodes, requests, seed, onProgress, countEvents })
 *     ──> ScenarioReport + RunPerformance ──> renderText (stdout); reportJson, performanceJson, renderHtml (--out)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { formatNumber } from '../../../sim/report/format.js';
import { HTML_FILE, renderHtml } from '../../../sim/report/html.js';
import { PERFORMANCE_FILE, performanceJson, REPORT_FILE, reportJson } from '../../../sim/report/json.js';
import type { RunPerformance, Scenario, ScenarioReport } from '../../../sim/report/model.js';
import { renderText } from '../../../sim/report/text.js';
import { findScenario, SCENARIOS } from '../../../sim/scenarios/index.js';
import { UsageError } from './errors.js';
import { peakRssBytes, type ProgressStream, SimProgress } from './sim-progress.js';

export interface SimOptions {
  readonly nodes?: string;
  readonly requests?: string;
  readonly seed?: string;
  readonly scenario?: string;
  readonly out?: string;
  readonly list?: boolean;
  readonly design?: string;
}

export const DEFAULT_SEED = '1';

/**
 * JavaScript heap a simulated node takes at its busiest, measured at 100,000 nodes (about
 * 9.3 GiB) and 64,000 nodes of degree 98 (7.7 GiB): spec/simulator.md §5.
 */
const HEAP_BYTES_PER_NODE = 120 * 1024;

/** A warning when `nodes` likely need more heap than `heapLimitBytes`, saying how to give it; else undefined. */
export function heapAdvice(nodes: number, heapLimitBytes: number): string | undefined {
  const needed = nodes * HEAP_BYTES_PER_NODE;
  if (needed <= heapLimitBytes) return undefined;
  const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  const suggestedMiB = Math.ceil((needed * 1.5) / 2 ** 20 / 1000) * 1000;
  return (
    `warning: ${formatNumber(nodes)} nodes may need about ${gib(needed)} GiB of JavaScript heap and this process has ${gib(heapLimitBytes)} GiB; ` +
    `if it runs out, run it with NODE_OPTIONS="--max-old-space-size=${suggestedMiB} --max-semi-space-size=64"\n`
  );
}

/** `warren sim --list`: each scenario's name, default size and summary. */
export function listScenarios(scenarios: readonly Scenario[] = SCENARIOS): string {
  const width = Math.max(...scenarios.map(({ name }) => name.length));
  return scenarios
    .map(
      ({ name, summary, defaults }) =>
        `${name.padEnd(width)}  ${summary} (default ${formatNumber(defaults.nodes)} nodes, ${formatNumber(defaults.requests)} requests)`,
    )
    .join('\n');
}

function knownNames(): string {
  return SCENARIOS.map(({ name }) => name).join(', ');
}

function positiveCount(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new UsageError(`${option} must be a whole number of at least 1, got ${JSON.stringify(text)}`);
  return value;
}

export interface SimRun {
  readonly scenario: Scenario;
  readonly nodes: number;
  readonly requests: number;
  readonly seed: string;
  readonly out: string | undefined;
  /** The one design to run (`--design`), for a scenario that compares designs. */
  readonly design?: string;
}

/** `--design` checked against the designs `scenario` compares. */
function designOf(scenario: Scenario, design: string | undefined): { design?: string } {
  if (design === undefined) return {};
  const { designs } = scenario;
  if (designs === undefined) throw new UsageError(`--design applies to scenarios that compare designs; ${scenario.name} compares none`);
  if (!designs.includes(design)) throw new UsageError(`--design must be one of ${designs.join(', ')} for ${scenario.name}, got ${JSON.stringify(design)}`);
  return { design };
}

/** The run the options ask for, every value checked (a refusal is a UsageError: exit code 2). */
export function resolveSimRun(options: SimOptions): SimRun {
  if (options.scenario === undefined) throw new UsageError(`choose a scenario with --scenario NAME (warren sim --list describes them): ${knownNames()}`);
  const scenario = findScenario(options.scenario);
  if (scenario === undefined) throw new UsageError(`unknown scenario ${JSON.stringify(options.scenario)}; known scenarios: ${knownNames()}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (seed === '') throw new UsageError('--seed must not be empty');
  if (options.out === '') throw new UsageError('--out needs a directory');
  return {
    scenario,
    nodes: positiveCount(options.nodes, '--nodes', scenario.defaults.nodes),
    requests: positiveCount(options.requests, '--requests', scenario.defaults.requests),
    seed,
    out: options.out,
    ...designOf(scenario, options.design),
  };
}

/** Runs the scenario with the progress line on `progressStream`; a RangeError from the scenario is a refused parameter. */
export async function runScenario(run: SimRun, progressStream: ProgressStream): Promise<{ report: ScenarioReport; performance: RunPerformance }> {
  const progress = new SimProgress(run.scenario.name, { stream: progressStream });
  let report: ScenarioReport;
  try {
    report = await run.scenario.run({
      nodes: run.nodes,
      requests: run.requests,
      seed: run.seed,
      ...(run.design === undefined ? {} : { design: run.design }),
      onProgress: (update) => progress.update(update),
      countEvents: (events) => progress.addEvents(events),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`scenario ${run.scenario.name}: ${error.message}`, { cause: error });
    throw error;
  } finally {
    progress.finish();
  }
  return { report, performance: { wallMs: Math.round(progress.elapsedMs()), nodes: run.nodes, events: progress.events, peakRssBytes: peakRssBytes() } };
}

/** Writes report.json, performance.json and report.html into `directory` (made if missing); returns their paths. */
export async function writeReportFiles(directory: string, report: ScenarioReport, performance: RunPerformance): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const files: Array<[string, string]> = [
    [REPORT_FILE, reportJson(report)],
    [PERFORMANCE_FILE, performanceJson(performance)],
    [HTML_FILE, renderHtml(report, performance)],
  ];
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(directory, name);
    await writeFile(path, text);
    paths.push(path);
  }
  return paths;
}

/** The whole command: the text report on stdout; progress and where the files went on stderr. */
export async function runSim(options: SimOptions, stdout: ProgressStream, stderr: ProgressStream): Promise<void> {
  if (options.list) {
    stdout.write(`${listScenarios()}\n`);
    return;
  }
  const run = resolveSimRun(options);
  const advice = heapAdvice(run.nodes, getHeapStatistics().heap_size_limit);
  if (advice !== undefined) stderr.write(advice);
  const { report, performance } = await runScenario(run, stderr);
  const text = renderText(report, performance);
  if (run.out === undefined) {
    stdout.write(text);
    stderr.write(`no files written: --out DIR writes ${REPORT_FILE}, ${PERFORMANCE_FILE} and ${HTML_FILE} there\n`);
    return;
  }
  const paths = await writeReportFiles(run.out, report, performance);
  stdout.write(text);
  stderr.write(`wrote ${paths.join(', ')}\n`);
}
