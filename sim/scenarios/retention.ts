/**
 * Scenario `retention`: a calibrated mix of files (small pages to 1 GiB in simulated blocks) through
 * 30 simulated days of Weibull churn and other users' inserts, in three arms — nobody fetches, the
 * publisher fetches daily (caching only), the publisher fetches and heals — and a sweep of the
 * background insert volume on the no-fetch arm (sim/retention-experiment.ts). Every parameter is
 * printed with its source (sim/retention-calibration.ts); Freenet's month is the blocks reference.
 */
import type { Chart, Figure, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { type ClassDay, RETENTION_DEFAULTS, type RetentionArm, type RetentionRun, runRetention } from '../retention-experiment.js';
import {
  calibrationTable,
  classLayout,
  FILE_CLASSES,
  FREENET_BLOCKS_AFTER_A_MONTH,
  FREENET_MONTH_SOURCE,
  RETENTION_CALIBRATION,
} from '../retention-calibration.js';

/** Multiples of the calibrated background insert volume the no-fetch arm is also run at. */
export const BACKGROUND_SWEEP = [0.25, 4] as const;
const ARMS: readonly RetentionArm[] = ['no-fetch', 'fetch', 'heal'];
const ARM_LABELS: Record<RetentionArm, string> = { 'no-fetch': 'no fetch', fetch: 'fetch only (caching)', heal: 'fetch + heal' };

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
const round = (value: number): number => Number(value.toFixed(4));

/** The class figures of the run's last day. */
const lastDay = (run: RetentionRun): readonly ClassDay[] => run.days.at(-1)!.classes;

/** Over every class, blocks found of those asked for on the last day. */
function blocksFound(run: RetentionRun): number {
  const classes = lastDay(run);
  return ratio(
    classes.reduce((sum, day) => sum + day.blocksFound, 0),
    classes.reduce((sum, day) => sum + day.blocksRequested, 0),
  );
}

/** A file of `segments` segments, each retrievable as often as the simulated ones were (independently). */
function extrapolated(day: ClassDay, segments: number): number {
  return ratio(day.segmentsRetrievable, day.segments) ** segments;
}

function classFigures(arm: RetentionArm, run: RetentionRun): Figure[] {
  return run.classes.flatMap((fileClass, index) => {
    const day = lastDay(run)[index]!;
    const figures: Figure[] = [
      { name: `${fileClass.name}: files retrievable on day 30, ${ARM_LABELS[arm]}`, value: ratio(day.retrievable, day.files), unit: 'ratio' },
    ];
    const { segments } = classLayout(fileClass);
    if (segments > fileClass.simulatedSegments) {
      figures.push({
        name: `${fileClass.name}: all ${segments} segments retrievable (extrapolated), ${ARM_LABELS[arm]}`,
        value: extrapolated(day, segments),
        unit: 'ratio',
      });
    }
    return figures;
  });
}

/** One of the scenario's five networks: an arm at a multiple of the calibrated background volume (1 but for the sweep). */
export interface RetentionNetwork {
  readonly arm: RetentionArm;
  readonly multiple: number;
}

/** The networks the scenario runs, each independent of the others (its own seeded network): the three arms, then the sweep. */
export const RETENTION_NETWORKS: readonly RetentionNetwork[] = [
  ...ARMS.map((arm) => ({ arm, multiple: 1 })),
  ...BACKGROUND_SWEEP.map((multiple) => ({ arm: 'no-fetch' as const, multiple })),
];

/** Runs one of the networks (`bench/retention-networks.ts` runs them in separate processes). */
export function runRetentionNetwork(options: Omit<ScenarioOptions, 'countEvents'>, { arm, multiple }: RetentionNetwork): Promise<RetentionRun> {
  return runRetention({
    seed: options.seed,
    nodes: options.nodes,
    files: options.requests,
    arm,
    backgroundInsertsPerNodePerDay: RETENTION_CALIBRATION.backgroundInsertsPerNodePerDay * multiple,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
}

/** The scenario's report from its networks' runs, in the order of RETENTION_NETWORKS. */
export function retentionReport(options: Pick<ScenarioOptions, 'seed' | 'nodes' | 'requests'>, results: readonly RetentionRun[]): ScenarioReport {
  const runs = new Map<RetentionArm, RetentionRun>(
    ARMS.map((arm) => [arm, results[RETENTION_NETWORKS.findIndex((network) => network.arm === arm && network.multiple === 1)]!]),
  );
  const sweep: [number, RetentionRun][] = RETENTION_NETWORKS.flatMap(({ arm, multiple }, index) =>
    arm === 'no-fetch' ? [[multiple, results[index]!] as [number, RetentionRun]] : [],
  );
  sweep.sort(([a], [b]) => a - b);
  const noFetch = runs.get('no-fetch')!;
  const fetchOnly = runs.get('fetch')!;
  const heal = runs.get('heal')!;
  const freenet = { value: FREENET_BLOCKS_AFTER_A_MONTH, source: FREENET_MONTH_SOURCE };
  const figures: Figure[] = [
    { name: 'blocks retrievable on day 30, no fetch (every block asked for)', value: blocksFound(noFetch), unit: 'ratio', reference: freenet },
    ...ARMS.flatMap((arm) => classFigures(arm, runs.get(arm)!)),
    {
      name: 'files retrievable at the first attempt on day 30, fetch only (all classes)',
      value: ratio(
        lastDay(fetchOnly).reduce((sum, day) => sum + day.firstAttempt, 0),
        lastDay(fetchOnly).reduce((sum, day) => sum + day.files, 0),
      ),
      unit: 'ratio',
    },
    {
      name: 'blocks re-inserted by healing over 30 days',
      value: heal.days.reduce((sum, day) => sum + day.classes.reduce((total, tally) => total + tally.blocksReinserted, 0), 0),
      unit: 'count',
    },
    { name: 'blocks stored at the insert', value: ratio(noFetch.blocksInserted.succeeded, noFetch.blocksInserted.attempted), unit: 'ratio' },
    { name: 'nodes replaced by newcomers (no-fetch run)', value: noFetch.churn.replacements, unit: 'count' },
  ];
  const dailyFiles = (run: RetentionRun) =>
    run.days.map(
      (day) =>
        [
          day.day,
          ratio(
            day.classes.reduce((sum, tally) => sum + tally.retrievable, 0),
            day.classes.reduce((sum, tally) => sum + tally.files, 0),
          ),
        ] as const,
    );
  const charts: Chart[] = [
    {
      title: 'Files retrievable each day (all classes)',
      xLabel: 'day',
      yLabel: 'fraction of files retrievable',
      kind: 'line',
      series: [
        { label: ARM_LABELS.fetch, points: dailyFiles(fetchOnly) },
        { label: ARM_LABELS.heal, points: dailyFiles(heal) },
        { label: `${ARM_LABELS['no-fetch']} (day 30 only)`, points: dailyFiles(noFetch).slice(-1) },
      ],
    },
    {
      title: 'Background insert volume against what survives 30 days without fetching',
      xLabel: 'background inserts, multiple of the calibrated volume (log scale)',
      yLabel: 'fraction retrievable on day 30',
      kind: 'line',
      logX: true,
      series: [
        { label: 'blocks', points: sweep.map(([multiple, run]) => [multiple, blocksFound(run)] as const) },
        ...FILE_CLASSES.map((fileClass, index) => ({
          label: `files: ${fileClass.name}`,
          points: sweep.map(([multiple, run]) => [multiple, ratio(lastDay(run)[index]!.retrievable, lastDay(run)[index]!.files)] as const),
        })),
        { label: 'Freenet after a month (blocks, reference)', points: [[1, FREENET_BLOCKS_AFTER_A_MONTH]] },
      ],
    },
  ];
  return {
    scenario: 'retention',
    seed: options.seed,
    parameters: {
      nodes: options.nodes,
      requests: options.requests,
      files: options.requests,
      ...RETENTION_DEFAULTS,
      backgroundInsertsPerNodePerDay: round(RETENTION_DEFAULTS.backgroundInsertsPerNodePerDay),
      backgroundSweep: BACKGROUND_SWEEP.join(', '),
    },
    figures,
    tables: [
      {
        title: 'Calibration: every parameter and its source',
        columns: ['parameter', 'value', 'source'],
        rows: calibrationTable(RETENTION_CALIBRATION).map((row) => [row.name, row.value, row.source]),
      },
      {
        title: 'Day 30 by size class and arm',
        columns: [
          'arm',
          'class',
          'files',
          'retrievable',
          'at first attempt',
          'segments retrievable',
          'blocks found / asked',
          'blocks re-inserted (30 days)',
          'rebuilt, not re-inserted',
        ],
        rows: ARMS.flatMap((arm) => {
          const run = runs.get(arm)!;
          return run.classes.map((fileClass, index) => {
            const day = lastDay(run)[index]!;
            const overDays = (field: 'blocksReinserted' | 'blocksNotHealed') => run.days.reduce((sum, each) => sum + (each.classes[index]?.[field] ?? 0), 0);
            return [
              ARM_LABELS[arm],
              fileClass.name,
              day.files,
              round(ratio(day.retrievable, day.files)),
              round(ratio(day.firstAttempt, day.files)),
              round(ratio(day.segmentsRetrievable, day.segments)),
              round(ratio(day.blocksFound, day.blocksRequested)),
              overDays('blocksReinserted'),
              overDays('blocksNotHealed'),
            ];
          });
        }),
      },
      {
        title: 'Sweep of the background insert volume (no fetch, day 30)',
        columns: ['multiple', 'blocks per node per day', 'blocks retrievable', ...FILE_CLASSES.map((fileClass) => `files: ${fileClass.name}`)],
        rows: sweep.map(([multiple, run]) => [
          multiple,
          round(RETENTION_CALIBRATION.backgroundInsertsPerNodePerDay * multiple),
          round(blocksFound(run)),
          ...lastDay(run).map((day) => round(ratio(day.retrievable, day.files))),
        ]),
      },
    ],
    charts,
    notes: [
      `${options.requests} files in the proportions of the calibration table, each laid out as the client lays it out (segments of k data + m check ` +
        `blocks, the wide Reed-Solomon code), as ${RETENTION_DEFAULTS.blockBytes}-byte CHK blocks inserted and fetched through the production paths. ` +
        'A 1 GiB file is 256 segments of 128 + 128; the simulation keeps 2 of them and extrapolates the whole file as the segment rate to the 256th power ' +
        '(segments fail independently: each lives on different nodes).',
      "No fetch: no one asks for the files for 30 days; on day 30 every block of every file is asked for (the blocks figure compared with Freenet's). " +
        'Fetch only: the publisher fetches every file every day as the client does (k blocks a segment, window 32), ' +
        'so caching along the way is all that refreshes it. ' +
        'Fetch + heal: the same, and the blocks each fetch asked for in vain are re-inserted for every segment it could rebuild.',
      `A file counts as lost only after ${RETENTION_CALIBRATION.fetchAttempts} attempts ${RETENTION_CALIBRATION.retryDelayMs / 3_600_000} h apart; ` +
        '"at first attempt" shows what the retries add. A node that returns keeps its store; a newcomer starts empty.',
    ],
  };
}

export const retentionScenario: Scenario = {
  name: 'retention',
  summary: '30 days of calibrated churn and insert load: files of each size retrievable with no fetch, fetch only, fetch + heal; a sweep of the load',
  defaults: { nodes: 150, requests: 40 },
  async run(options) {
    const results: RetentionRun[] = [];
    for (const network of RETENTION_NETWORKS) results.push(await runRetentionNetwork(options, network));
    options.countEvents?.(results.reduce((sum, run) => sum + run.events, 0));
    return retentionReport(options, results);
  },
};
