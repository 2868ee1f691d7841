/**
 * Fetching and healing a simulated file as the client does (spec/client.md §9, spec/simulator.md
 * "File transfers"): block requests go through one bounded window (the client's `Window`, 32 by
 * default); each segment asks for k blocks, data blocks first, and for the next block each time one
 * fails; a segment is done once k of its blocks are in. A fetch that leaves a segment short tries
 * again later, as a user would, up to `attempts` times. Healing hands the blocks it asked for in vain
 * of every segment it could rebuild to the client's own healer (node/client/healer.ts: its queue, caps,
 * parallel inserts and retries), as the node does after a real fetch (Freenet's healing); the rebuilt
 * blocks are the same CHK blocks, so the simulation hands over those it holds instead of decoding.
 *
 *   fetchFile ──per segment, k at a time──> Window(node.request) ──short?──> wait retryDelayMs, again
 *   healFile ──missing blocks of rebuilt segments──> HealSession.offer ──> Healer ──> node.insert
 */
import type { HealCounts, Healer } from '../node/client/healer.js';
import { DEFAULT_WINDOW } from '../node/client/types.js';
import { Window } from '../node/client/window.js';
import type { ChkBlock } from '../protocol/keys/chk.js';
import type { VirtualClock } from './clock.js';
import { isRetrievable, type SimulatedFile } from './files.js';

/** What a fetcher needs of a node: `Node` has both. */
export interface TransferNode {
  request(routingKey: Uint8Array): Promise<unknown>;
  insert(routingKey: Uint8Array, block: Uint8Array): Promise<unknown>;
}

export interface FileFetchSettings {
  /** Block requests in flight at once (default 32, the client's). */
  readonly window?: number;
  /** Fetches of the file before it counts as lost, the first included (default 1). */
  readonly attempts?: number;
  /** Virtual time between two attempts (default 1 h). */
  readonly retryDelayMs?: number;
  /** Ask for every block of each segment instead of k (a probe of every block, not a client's fetch; default false). */
  readonly everyBlock?: boolean;
}

export interface FileFetch {
  /** Blocks that arrived, over all attempts. */
  readonly found: ReadonlySet<ChkBlock>;
  /** Blocks asked for that never arrived: what healing re-inserts. */
  readonly failed: ReadonlySet<ChkBlock>;
  readonly retrievable: boolean;
  /** Whether the first attempt alone got every segment. */
  readonly firstAttemptRetrievable: boolean;
  readonly attempts: number;
  /** Block requests made, over all attempts. */
  readonly requests: number;
}

const DEFAULT_RETRY_DELAY_MS = 3_600_000;

/** One attempt at one segment: k requests, one more for each failure, until k are in or none is left. */
function fetchSegment(
  node: TransferNode,
  window: Window,
  blocks: readonly ChkBlock[],
  k: number,
  found: Set<ChkBlock>,
  failed: Set<ChkBlock>,
  count: () => void,
): Promise<void> {
  const have = blocks.filter((block) => found.has(block)).length;
  const candidates = blocks.filter((block) => !found.has(block));
  if (have >= k) return Promise.resolve();
  return new Promise((resolve) => {
    let next = 0;
    let running = 0;
    let got = have;
    const launch = (): void => {
      const block = candidates[next++]!;
      running++;
      count();
      window
        .run(() => node.request(block.routingKey))
        .then(
          () => {
            found.add(block);
            failed.delete(block);
            got++;
          },
          () => {
            failed.add(block);
            if (got < k && next < candidates.length) launch();
          },
        )
        .finally(() => {
          running--;
          if (running === 0) resolve();
        });
    };
    for (let index = 0; index < Math.min(k - have, candidates.length); index++) launch();
  });
}

/** Fetches `file` from `node`, retrying the segments left short. */
export async function fetchFile(node: TransferNode, file: SimulatedFile, clock: VirtualClock, settings: FileFetchSettings = {}): Promise<FileFetch> {
  const { window: size = DEFAULT_WINDOW, attempts = 1, retryDelayMs = DEFAULT_RETRY_DELAY_MS, everyBlock = false } = settings;
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be an integer of at least 1, got ${attempts}`);
  const window = new Window(size);
  const found = new Set<ChkBlock>();
  const failed = new Set<ChkBlock>();
  const k = file.redundancy.dataBlocksPerSegment;
  let requests = 0;
  let firstAttemptRetrievable = false;
  for (let attempt = 1; ; attempt++) {
    await Promise.all(
      file.segments.map((blocks) =>
        fetchSegment(node, window, blocks, everyBlock ? blocks.length : k, found, failed, () => {
          requests++;
        }),
      ),
    );
    const retrievable = isRetrievable(file, (block) => found.has(block));
    if (attempt === 1) firstAttemptRetrievable = retrievable;
    if (retrievable || attempt === attempts) return { found, failed, retrievable, firstAttemptRetrievable, attempts: attempt, requests };
    await new Promise<void>((resolve) => clock.setTimer(retryDelayMs, resolve));
  }
}

/**
 * Hands `healer` the blocks a fetch asked for in vain, of each segment it could rebuild, as the client does
 * once it has decoded a segment; `maxBlocks` lowers the fetch's cap. Resolves with what became of them.
 */
export function healFile(healer: Healer, file: SimulatedFile, fetched: FileFetch, maxBlocks?: number): Promise<HealCounts> {
  const session = healer.open(undefined, maxBlocks === undefined ? {} : { maxBlocks });
  for (const blocks of file.segments) {
    if (blocks.filter((block) => fetched.found.has(block)).length < file.redundancy.dataBlocksPerSegment) continue;
    const missing = blocks.flatMap((block, index) => (fetched.failed.has(block) ? [index] : []));
    if (missing.length === 0) continue;
    session.offer({ missing, rebuild: async (indexes) => ({ blocks: indexes.map((index) => blocks[index]!), mismatched: 0 }) });
  }
  return session.settled();
}
