/**
 * The calibrated retention model's parameters, each with where its value comes from
 * (spec/simulator.md, "Retention"): the experiment takes its defaults from here and the
 * scenario prints this table, so a figure and its source cannot drift apart.
 *
 *   RETENTION_CALIBRATION ──defaults──> runRetention (sim/retention-experiment.ts)
 *                         ──table─────> scenario `retention` report
 *   FILE_CLASSES ──classFile──> SimulatedFile layouts (the client's segment rules, at simulated block size)
 */
import { DEFAULT_CHECK_BLOCKS_PER_SEGMENT, DEFAULT_DATA_BLOCKS_PER_SEGMENT, segmentCheckBlocks } from '../node/client/segments.js';
import { FREENET_SESSION_SHAPE } from './churn-model.js';

export const DAY_MS = 86_400_000;

/** A size class of files: `dataBlocks` data blocks as the client lays them out, simulated by `segments` of its segments. */
export interface FileClass {
  readonly name: string;
  /** Data blocks of the real file (32 KiB each on the network). */
  readonly dataBlocks: number;
  /** Segments the simulation keeps of it (all of them unless the file is large). */
  readonly simulatedSegments: number;
  /** Files of this class among every 20 files inserted. */
  readonly per20: number;
}

const PAGE: FileClass = { name: 'page (128 KiB)', dataBlocks: 4, simulatedSegments: 1, per20: 14 };
const MEDIUM: FileClass = { name: 'file (4 MiB)', dataBlocks: 128, simulatedSegments: 1, per20: 4 };
const LARGE: FileClass = { name: 'file (1 GiB)', dataBlocks: 32_768, simulatedSegments: 2, per20: 2 };
export const FILE_CLASSES: readonly FileClass[] = [PAGE, MEDIUM, LARGE];

/** Segments of the real file and their k + m (every class here has equal segments: the client's rule at these sizes). */
export function classLayout(fileClass: FileClass): { segments: number; k: number; m: number } {
  const k = Math.min(fileClass.dataBlocks, DEFAULT_DATA_BLOCKS_PER_SEGMENT);
  const segments = Math.ceil(fileClass.dataBlocks / k);
  const m = segmentCheckBlocks(k, { dataBlocksPerSegment: DEFAULT_DATA_BLOCKS_PER_SEGMENT, checkBlocksPerSegment: DEFAULT_CHECK_BLOCKS_PER_SEGMENT });
  return { segments, k, m };
}

export interface CalibratedParameter {
  readonly name: string;
  readonly value: number | string;
  readonly source: string;
}

/** Freenet's long-term push-pull tests: about half of the blocks inserted still retrievable after a month, nobody fetching them meanwhile. */
export const FREENET_BLOCKS_AFTER_A_MONTH = 0.5;
export const FREENET_MONTH_SOURCE =
  'Freenet\'s long-term push-pull tests (digger3), as summarised in A. Babenhauserheide, "Exploring the probability of successfully ' +
  'retrieving a file in Freenet" (draketo.de): about 50 % of the blocks retrievable after 31 days without healing';

/** The parameters of the retention model (sim/retention-experiment.ts takes each as an option). */
export interface RetentionModel {
  readonly storeBlocks: number;
  readonly cacheBlocks: number;
  readonly backgroundInsertsPerNodePerDay: number;
  readonly sessionShape: number;
  readonly sessionScaleMs: number;
  readonly availability: number;
  readonly meanMembershipMs: number;
  readonly fetchAttempts: number;
  readonly retryDelayMs: number;
}

export const RETENTION_CALIBRATION: RetentionModel = {
  /** Store and cache of each node, in blocks: equal, as in Freenet; their absolute size is scaled with the insert volume. */
  storeBlocks: 128,
  cacheBlocks: 128,
  /** Blocks of other content inserted per node per day: a node's store's worth per month. */
  backgroundInsertsPerNodePerDay: 128 / 30,
  sessionShape: FREENET_SESSION_SHAPE,
  sessionScaleMs: 4 * 3_600_000,
  availability: 0.59,
  meanMembershipMs: 60 * DAY_MS,
  /** A fetch that leaves a segment short is tried this many times, this far apart. */
  fetchAttempts: 3,
  retryDelayMs: 4 * 3_600_000,
};

/** The table of parameters a report prints: value and source of each. */
export function calibrationTable(settings: RetentionModel): CalibratedParameter[] {
  return [
    {
      name: 'store and cache per node',
      value: `${settings.storeBlocks} + ${settings.cacheBlocks} blocks`,
      source:
        'Freenet: store and cache are the same size (Freenet wiki, "Datastore"); first-run size 256 MiB–512 MiB on small disks, 5–10 % of free space ' +
        'on large ones ("Understand Freenet"), reported per node by probes since build 1409. ' +
        'Absolute size is scaled: what decides eviction is the insert volume against it (next row)',
    },
    {
      name: 'other content inserted per node per day',
      value: `${Number(settings.backgroundInsertsPerNodePerDay.toFixed(2))} blocks (store / 30)`,
      source:
        'no published per-node insert rate found: chosen so that each node inserts one store of new blocks a month, the time scale of ' +
        "Freenet's half-life measurement; the sweep shows ×1/4 and ×4",
    },
    {
      name: 'session and down times',
      value: `Weibull, shape ${settings.sessionShape}, sessions of scale ${settings.sessionScaleMs / 3_600_000} h`,
      source:
        "Freenet's measured session-time fit (shape 0.48); the scale is chosen: mean session 8.7 h, median 1.9 h " +
        "(a third of Freenet's online nodes run around the clock)",
    },
    {
      name: 'availability',
      value: settings.availability,
      source:
        "Freenet status update of 4 Feb 2010 (freenet-dev, Evan Daniel's probes): of the nodes online at a time, 37 % 24×7 (96 % uptime), " +
        '33 % regular (56 %), 30 % occasional (16 %); mean 0.59, the uptime of a node that was online when a block was stored on it',
    },
    {
      name: 'mean membership before leaving for good',
      value: `${settings.meanMembershipMs / DAY_MS} days`,
      source: 'chosen: about 40 % of the nodes replaced by newcomers with empty stores in 30 days (the same probes saw about 38 % of nodes as occasional)',
    },
    {
      name: 'fetch attempts before a file counts as lost',
      value: `${settings.fetchAttempts}, ${settings.retryDelayMs / 3_600_000} h apart`,
      source: 'chosen: a user who finds a file stuck tries again later the same day; holders come back after a Weibull down time',
    },
    {
      name: 'file mix per 20 files',
      value: FILE_CLASSES.map((fileClass) => `${fileClass.per20} × ${fileClass.name}`).join(', '),
      source: "chosen to span small pages to 1 GiB; layouts are the client's (128 + 128 per segment, a small file keeps 6 check blocks)",
    },
  ];
}
