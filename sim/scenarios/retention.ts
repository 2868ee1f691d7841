/**
 * Scenario `retention`: small files inserted as the client stores them (one segment of 6
 * data + 6 check blocks, sim/files.ts), then 30 simulated days of Weibull churn with nodes leaving for good;
 * the fraction of files still retrievable each day, without and with a publisher that
 * re-inserts the blocks it finds missing (sim/retention-experiment.ts). Freenet's long-term measurement,
 * about half of the blocks gone after a month, is the reference.
 */
import { SMALL_FILE_REDUNDANCY } from '../files.js';
import { FREENET_SESSION_SHAPE } from '../churn-model.js';
import type { Figure, Scenario } from '../report/model.js';
import { DAY_MS, RETENTION_DEFAULTS, type RetentionRun, runRetention } from '../retention-experiment.js';

/** Freenet's long-term test: about half of the blocks inserted were gone after a month. */
const FREENET_BLOCKS_AFTER_A_MONTH = 0.5;
const BLOCKS_PER_FILE = (SMALL_FILE_REDUNDANCY.dataBlocksPerSegment + SMALL_FILE_REDUNDANCY.checkBlocksPerSegment) * RETENTION_DEFAULTS.segmentsPerFile;

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** Blocks retrievable over the last `days` days of a run without healing (one cohort a day is too few alone). */
function lastDaysBlocks(run: RetentionRun, days: number): number {
  const tail = run.days.slice(-days);
  return ratio(
    tail.reduce((sum, day) => sum + day.blocksRetrievable, 0),
    tail.reduce((sum, day) => sum + day.blocksChecked, 0),
  );
}

function lastDaysFiles(run: RetentionRun, days: number): number {
  const tail = run.days.slice(-days);
  return ratio(
    tail.reduce((sum, day) => sum + day.filesRetrievable, 0),
    tail.reduce((sum, day) => sum + day.filesChecked, 0),
  );
}

export const retentionScenario: Scenario = {
  name: 'retention',
  summary: '30 days of Weibull churn: files retrievable each day, with and without a healing publisher',
  defaults: { nodes: 500, requests: 3_600 },
  async run(options) {
    const files = Math.max(RETENTION_DEFAULTS.days, Math.round(options.requests / BLOCKS_PER_FILE));
    const base = { seed: options.seed, nodes: options.nodes, files, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) };
    const plain = await runRetention({ ...base, healing: false });
    const healed = await runRetention({ ...base, healing: true });
    options.countEvents?.(plain.events + healed.events);
    const last = (run: RetentionRun) => run.days[run.days.length - 1]!;
    const freenet = { value: FREENET_BLOCKS_AFTER_A_MONTH, source: "Freenet's long-term measurement: about half of the blocks gone after a month" };
    const figures: Figure[] = [
      { name: 'blocks retrievable, days 28–30, no healing', value: lastDaysBlocks(plain, 3), unit: 'ratio', reference: freenet },
      { name: 'files retrievable, days 28–30, no healing', value: lastDaysFiles(plain, 3), unit: 'ratio' },
      { name: 'files retrievable on day 30, healing', value: ratio(last(healed).filesRetrievable, last(healed).filesChecked), unit: 'ratio' },
      {
        name: 'blocks retrievable on day 30, healing',
        value: ratio(last(healed).blocksRetrievable, last(healed).blocksChecked),
        unit: 'ratio',
        reference: freenet,
      },
      { name: 'blocks re-inserted by the publisher', value: healed.days.reduce((sum, day) => sum + day.blocksReinserted, 0), unit: 'count' },
      { name: 'blocks inserted at the start', value: ratio(plain.blocksInserted.succeeded, plain.blocksInserted.attempted), unit: 'ratio' },
      { name: 'nodes replaced by newcomers (no-healing run)', value: plain.churn.replacements, unit: 'count' },
    ];
    return {
      scenario: 'retention',
      seed: options.seed,
      parameters: {
        nodes: options.nodes,
        requests: options.requests,
        files,
        blocksPerFile: BLOCKS_PER_FILE,
        dataBlocksPerSegment: SMALL_FILE_REDUNDANCY.dataBlocksPerSegment,
        checkBlocksPerSegment: SMALL_FILE_REDUNDANCY.checkBlocksPerSegment,
        ...RETENTION_DEFAULTS,
        sessionShape: FREENET_SESSION_SHAPE,
      },
      figures,
      tables: [
        {
          title: 'Retention day by day',
          columns: [
            'day',
            'files checked (no healing)',
            'files retrievable',
            'blocks retrievable',
            'files retrievable (healing)',
            'blocks retrievable (healing)',
            'blocks re-inserted',
            'nodes online',
          ],
          rows: plain.days.map((day, index) => {
            const heal = healed.days[index]!;
            return [
              day.day,
              day.filesChecked,
              round(ratio(day.filesRetrievable, day.filesChecked), 3),
              round(ratio(day.blocksRetrievable, day.blocksChecked), 3),
              round(ratio(heal.filesRetrievable, heal.filesChecked), 3),
              round(ratio(heal.blocksRetrievable, heal.blocksChecked), 3),
              heal.blocksReinserted,
              day.nodesOnline,
            ];
          }),
        },
      ],
      charts: [
        {
          title: 'Retention over time',
          xLabel: 'day',
          yLabel: 'fraction of files retrievable',
          kind: 'line',
          series: [
            { label: 'no healing', points: plain.days.map((day) => [day.day, ratio(day.filesRetrievable, day.filesChecked)] as const) },
            { label: 'publisher heals daily', points: healed.days.map((day) => [day.day, ratio(day.filesRetrievable, day.filesChecked)] as const) },
          ],
        },
        {
          title: 'Blocks retrievable over time',
          xLabel: 'day',
          yLabel: 'fraction of blocks retrievable',
          kind: 'line',
          series: [
            { label: 'no healing', points: plain.days.map((day) => [day.day, ratio(day.blocksRetrievable, day.blocksChecked)] as const) },
            { label: 'publisher heals daily', points: healed.days.map((day) => [day.day, ratio(day.blocksRetrievable, day.blocksChecked)] as const) },
            { label: 'Freenet after a month (reference)', points: [[RETENTION_DEFAULTS.days, FREENET_BLOCKS_AFTER_A_MONTH]] },
          ],
        },
      ],
      notes: [
        `${files} files of ${RETENTION_DEFAULTS.segmentsPerFile} segment(s), each ${SMALL_FILE_REDUNDANCY.dataBlocksPerSegment} data + ` +
          `${SMALL_FILE_REDUNDANCY.checkBlocksPerSegment} check blocks (the client's erasure code), as ${RETENTION_DEFAULTS.blockBytes}-byte CHK blocks ` +
          'inserted and fetched through the production paths. A file is retrievable when every segment has ' +
          `${SMALL_FILE_REDUNDANCY.dataBlocksPerSegment} of its blocks retrievable.`,
        `Sessions and down times are Weibull with shape ${FREENET_SESSION_SHAPE}, sessions of scale ${RETENTION_DEFAULTS.sessionScaleMs / 3_600_000} h, ` +
          `availability ${RETENTION_DEFAULTS.availability}; a node stays a member for an exponential time of mean ` +
          `${RETENTION_DEFAULTS.meanMembershipMs / DAY_MS} days, then a newcomer with an empty store takes its place. A node that returns keeps its store.`,
        `Each node's store and cache hold ${RETENTION_DEFAULTS.storeBlocks} and ${RETENTION_DEFAULTS.cacheBlocks} blocks; every day other content ` +
          `(${RETENTION_DEFAULTS.backgroundInsertsPerNodePerDay} block per node) is inserted from random online nodes, so stores (farthest-first ` +
          `eviction) and caches (least recently used first) turn over as on a busy network.`,
        'Without healing, day d fetches only the files i with i mod 30 = d − 1, each once in its life, so fetching (which caches blocks along the way) ' +
          'never refreshes what is measured. With healing, the publisher (always online) fetches every file every day and re-inserts each block that ' +
          'failed; its figure is taken before the repair.',
      ],
    };
  },
};
