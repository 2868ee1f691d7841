/**
 * Scenario `flash-crowd`: a tenth of the network fetches one file within ten minutes of its insert,
 * against the same fetches spread over a week (sim/flash-crowd-experiment.ts): completion times,
 * the load on the nodes that first stored it, and how many nodes hold it afterwards.
 */
import { FLASH_CROWD_DEFAULTS, type FlashCrowdRun, runFlashCrowd, TEN_MINUTES_MS, WEEK_MS } from '../flash-crowd-experiment.js';
import type { Figure, Scenario } from '../report/model.js';

/** A 100 MiB file is 3,200 data blocks of 32 KiB: 25 segments of 128 + 128. */
const REAL_SEGMENTS = 25;
/** The crowd's median completion time may be at most this many times the quiet case's. */
export const CROWD_MEDIAN_LIMIT = 2;
/**
 * The crowd's window with as many fetches in progress at once as the whole file's crowd has: a fetch of the
 * simulated segment takes 1/REAL_SEGMENTS of the whole file's time, so its starts are packed that much tighter.
 */
export const DENSE_CROWD_WINDOW_MS = (TEN_MINUTES_MS * FLASH_CROWD_DEFAULTS.segments) / REAL_SEGMENTS;

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

function runRows(label: string, run: FlashCrowdRun): (string | number)[] {
  return [
    label,
    run.completed,
    run.completionMs.p50,
    run.completionMs.p95,
    run.completionMs.max,
    run.uploadsFirstHolders.max,
    Number(run.uploadsFirstHolders.mean.toFixed(1)),
    run.uploadsAll.max,
    run.requestsFirstHolders.max,
    run.nodesHolding,
    run.nodesHoldingWhole,
  ];
}

export const flashCrowdScenario: Scenario = {
  name: 'flash-crowd',
  summary: 'a tenth of the network fetches one file within 10 minutes of its insert, against the same fetches over a week',
  defaults: { nodes: 10_000, requests: 1_000 },
  async run(options) {
    const base = {
      seed: options.seed,
      nodes: options.nodes,
      fetchers: Math.min(options.requests, options.nodes - 1),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    };
    const crowd = await runFlashCrowd({ ...base, windowMs: TEN_MINUTES_MS });
    const dense = await runFlashCrowd({ ...base, windowMs: DENSE_CROWD_WINDOW_MS });
    const quiet = await runFlashCrowd({ ...base, windowMs: WEEK_MS });
    options.countEvents?.(crowd.events + dense.events + quiet.events);
    const quietMedian = { value: quiet.completionMs.p50, source: 'the same fetches spread over a week (quiet case)' };
    const figures: Figure[] = [
      { name: 'fetchers that completed, crowd', value: ratio(crowd.completed, crowd.fetchers), unit: 'ratio' },
      { name: 'completion time p50, crowd', value: crowd.completionMs.p50, unit: 'ms', reference: quietMedian },
      {
        name: 'completion time p50, crowd over quiet',
        value: ratio(crowd.completionMs.p50, quiet.completionMs.p50),
        unit: '',
        reference: { value: CROWD_MEDIAN_LIMIT, source: 'issue #15: no worse than 2× the quiet case' },
      },
      {
        name: "completion time p50, crowd at the whole file's concurrency over quiet",
        value: ratio(dense.completionMs.p50, quiet.completionMs.p50),
        unit: '',
        reference: { value: CROWD_MEDIAN_LIMIT, source: 'issue #15: no worse than 2× the quiet case' },
      },
      { name: 'completion time p95, crowd', value: crowd.completionMs.p95, unit: 'ms', reference: { value: quiet.completionMs.p95, source: 'quiet case' } },
      { name: 'completion time max, crowd', value: crowd.completionMs.max, unit: 'ms', reference: { value: quiet.completionMs.max, source: 'quiet case' } },
      { name: 'first holders (nodes that stored a block at insert)', value: crowd.firstHolders, unit: 'count' },
      {
        name: 'blocks uploaded by one first holder, max, crowd',
        value: crowd.uploadsFirstHolders.max,
        unit: 'count',
        reference: { value: quiet.uploadsFirstHolders.max, source: 'quiet case' },
      },
      {
        name: 'blocks uploaded by any node, max, crowd',
        value: crowd.uploadsAll.max,
        unit: 'count',
        reference: { value: quiet.uploadsAll.max, source: 'quiet case' },
      },
      {
        name: 'nodes holding a block of the file after the crowd',
        value: crowd.nodesHolding,
        unit: 'count',
        reference: { value: quiet.nodesHolding, source: 'quiet case' },
      },
      {
        name: 'nodes holding the whole file (k blocks of every segment) after the crowd',
        value: crowd.nodesHoldingWhole,
        unit: 'count',
        reference: { value: quiet.nodesHoldingWhole, source: 'quiet case' },
      },
    ];
    return {
      scenario: 'flash-crowd',
      seed: options.seed,
      parameters: {
        nodes: options.nodes,
        requests: options.requests,
        fetchers: crowd.fetchers,
        crowdWindowMs: TEN_MINUTES_MS,
        denseCrowdWindowMs: DENSE_CROWD_WINDOW_MS,
        quietWindowMs: WEEK_MS,
        ...FLASH_CROWD_DEFAULTS,
        blocks: crowd.blocks,
      },
      figures,
      tables: [
        {
          title: 'Crowd and quiet case',
          columns: [
            'case',
            'completed',
            'p50 ms',
            'p95 ms',
            'max ms',
            'first holder uploads, max',
            'first holder uploads, mean',
            'any node uploads, max',
            'first holder requests received, max',
            'nodes holding a block',
            'nodes holding the file',
          ],
          rows: [
            runRows('crowd (10 minutes)', crowd),
            runRows(`crowd at the whole file's concurrency (${DENSE_CROWD_WINDOW_MS / 1000} s)`, dense),
            runRows('quiet (a week)', quiet),
          ],
        },
      ],
      charts: [
        {
          title: 'Completion time distribution',
          xLabel: 'percentile of fetchers',
          yLabel: 'completion time (virtual ms)',
          kind: 'line',
          series: [
            { label: 'crowd: 10 minutes', points: crowd.completionPercentiles.map((value, step) => [step * 5, value] as const) },
            {
              label: `crowd: ${DENSE_CROWD_WINDOW_MS / 1000} s (the whole file's concurrency)`,
              points: dense.completionPercentiles.map((value, step) => [step * 5, value] as const),
            },
            { label: 'quiet: a week', points: quiet.completionPercentiles.map((value, step) => [step * 5, value] as const) },
          ],
        },
      ],
      notes: [
        `One file of ${FLASH_CROWD_DEFAULTS.segments} segment(s) of ` +
          `${FLASH_CROWD_DEFAULTS.dataBlocksPerSegment} data + ${FLASH_CROWD_DEFAULTS.checkBlocksPerSegment} ` +
          `check blocks (${crowd.blocks} blocks of ${FLASH_CROWD_DEFAULTS.blockBytes} bytes), inserted by node 0 with all nodes online. A 100 MiB file is ` +
          `${REAL_SEGMENTS} such segments of 32 KiB blocks; the simulation keeps ${FLASH_CROWD_DEFAULTS.segments}: the per-segment structure, window and ` +
          `routing are the real ones, and completion times and per-node loads of the whole file are about ${REAL_SEGMENTS}× these (segments go through the ` +
          'window one after another; each first holder stores blocks of every segment).',
        `${crowd.fetchers} fetchers, drawn once, each fetch as the client's: a window of ${FLASH_CROWD_DEFAULTS.window} block requests, k blocks a segment ` +
          `(the next one for each failure), up to ${FLASH_CROWD_DEFAULTS.attempts} attempts ${FLASH_CROWD_DEFAULTS.retryDelayMs / 1000} s apart. Starts are ` +
          'uniform over 10 minutes (crowd) or 7 days (quiet), the same draws scaled; nothing else happens on the network meanwhile. A fetch of ' +
          `one segment takes 1/${REAL_SEGMENTS} of the whole file's time, so over 10 minutes far fewer fetches overlap than in the real crowd; ` +
          `the crowd at the whole file's concurrency packs the same starts into ${DENSE_CROWD_WINDOW_MS / 1000} s, as many fetches in progress at ` +
          'once as 1,000 fetches of 100 MiB started over 10 minutes would have (with the blocks on fewer nodes than the whole file spreads over, ' +
          'so it errs on the side of load).',
        `Links carry envelopes after 10 ms, once they have left the sender's uplink: each node uploads ${FLASH_CROWD_DEFAULTS.uploadBlocksPerSecond} ` +
          'blocks a second (512 KiB/s of 32 KiB blocks, about half of a 10 Mbit/s residential uplink: a stated choice, not a measurement), one queue ' +
          "shared by all its links, so a crowd waits at the nodes it asks most; a node's load is counted as the blocks it uploads (DataFound sent, " +
          'relays included) and the DataRequests it receives.',
        `Stores and caches hold ${FLASH_CROWD_DEFAULTS.storeBlocks} blocks each (room for the file); first holders are the nodes whose store partition ` +
          'held a block of the file right after the insert; holders at the end count store and cache. A node does not cache its own requests, nor does a ' +
          'relay that received a request at an HTL above MAX_CACHING_HTL (it may be next to the requester, node/htl.ts), so the file spreads in pieces.',
      ],
    };
  },
};
