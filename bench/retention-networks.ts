/**
 * The `retention` scenario's five networks (sim/scenarios/retention.ts, RETENTION_NETWORKS) in separate
 * processes, so that a machine with more than one core runs them side by side; then the same report as
 * `warren sim --scenario retention`. Each network is seeded on its own, so a network run here gives the run
 * the scenario would give it.
 *
 *   node --import tsx bench/retention-networks.ts run ARM MULTIPLE FILE [SEED NODES FILES]
 *     one network (ARM no-fetch | fetch | heal, MULTIPLE of the calibrated background volume) ──> FILE (JSON:
 *     wall ms, peak RSS in KiB as process.resourceUsage() reports it, the RetentionRun)
 *   node --import tsx bench/retention-networks.ts report SEED NODES FILES OUT_DIR FILE...
 *     the FILEs in the order of RETENTION_NETWORKS ──retentionReport──> text report on stdout, each network's
 *     wall time and peak RSS; report.json and report.html in OUT_DIR
 *
 * Defaults of `run`: seed 1, the scenario's default size (150 nodes, 40 files).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from '../sim/report/model.js';
import { REPORT_FILE, reportJson } from '../sim/report/json.js';
import { HTML_FILE, renderHtml } from '../sim/report/html.js';
import { renderText } from '../sim/report/text.js';
import type { RetentionArm, RetentionRun } from '../sim/retention-experiment.js';
import { RETENTION_NETWORKS, retentionReport, retentionScenario, runRetentionNetwork } from '../sim/scenarios/retention.js';

interface NetworkResult {
  readonly wallMs: number;
  /** KiB, as process.resourceUsage().maxRSS. */
  readonly peakRss: number;
  readonly run: RetentionRun;
}

const ARMS: readonly string[] = ['no-fetch', 'fetch', 'heal'];
const PROGRESS_EVERY_MS = 5_000;

function count(text: string | undefined, fallback: number): number {
  const value = Number(text ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`expected a whole number of at least 1, got ${text}`);
  return value;
}

async function runOne([arm, multipleText, file, seed = '1', nodes, files]: string[]): Promise<void> {
  if (arm === undefined || !ARMS.includes(arm)) throw new RangeError(`ARM must be one of ${ARMS.join(', ')}, got ${arm}`);
  const multiple = Number(multipleText);
  if (!RETENTION_NETWORKS.some((network) => network.arm === arm && network.multiple === multiple))
    throw new RangeError(`the scenario runs no ${arm} network at ×${multipleText}: ${RETENTION_NETWORKS.map((n) => `${n.arm} ${n.multiple}`).join(', ')}`);
  if (file === undefined) throw new RangeError('FILE is missing');
  const started = performance.now();
  let lastProgress = 0;
  const onProgress = ({ phase, done, total }: Progress): void => {
    if (performance.now() - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = performance.now();
    process.stderr.write(`${phase} ${done}/${total}\n`);
  };
  const options = {
    seed,
    nodes: count(nodes, retentionScenario.defaults.nodes),
    requests: count(files, retentionScenario.defaults.requests),
    onProgress,
  };
  const run = await runRetentionNetwork(options, { arm: arm as RetentionArm, multiple });
  const result: NetworkResult = { wallMs: Math.round(performance.now() - started), peakRss: process.resourceUsage().maxRSS, run };
  await writeFile(file, JSON.stringify(result));
}

async function report([seed, nodes, files, outDir, ...paths]: string[]): Promise<void> {
  if (seed === undefined || outDir === undefined) throw new RangeError('usage: report SEED NODES FILES OUT_DIR FILE...');
  if (paths.length !== RETENTION_NETWORKS.length) throw new RangeError(`expected ${RETENTION_NETWORKS.length} files, one per network, got ${paths.length}`);
  const results: NetworkResult[] = [];
  for (const [index, path] of paths.entries()) {
    const result = JSON.parse(await readFile(path, 'utf8')) as NetworkResult;
    if (result.run.arm !== RETENTION_NETWORKS[index]!.arm)
      throw new RangeError(`${path} holds a ${result.run.arm} run; expected ${RETENTION_NETWORKS[index]!.arm}`);
    results.push(result);
  }
  const scenarioReport = retentionReport(
    { seed, nodes: count(nodes, 1), requests: count(files, 1) },
    results.map(({ run }) => run),
  );
  process.stdout.write(`${renderText(scenarioReport)}\n`);
  for (const [index, { wallMs, peakRss, run }] of results.entries()) {
    const { arm, multiple } = RETENTION_NETWORKS[index]!;
    process.stdout.write(
      `network ${arm} ×${multiple}: ${(wallMs / 60_000).toFixed(1)} min wall, ${run.events.toLocaleString('en')} events, ` +
        `peak RSS ${(peakRss / 1024).toFixed(0)} MiB\n`,
    );
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, REPORT_FILE), reportJson(scenarioReport));
  await writeFile(join(outDir, HTML_FILE), renderHtml(scenarioReport));
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'run') await runOne(rest);
else if (command === 'report') await report(rest);
else throw new RangeError(`command must be run or report, got ${command}`);
