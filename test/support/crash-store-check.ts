/**
 * Checks a killed node's block store from outside the node, before it is restarted: the store is
 * opened with the production `RocksBlockStore`, at the node's location and budgets, exactly as the
 * daemon opens it (spec/store.md §7), and every block in it is read and verified against its
 * routing key.
 *
 * The store cannot list routing keys (spec/store.md §3: only disk keys are on disk), so the caller
 * gives every routing key it may hold: those of every block of every insert the traffic began,
 * acknowledged or not (crash-traffic.ts computes them before sending). A block the store holds under
 * none of them is counted as unaccounted for, so "every block verifies" covers the whole store.
 */
import { verifyBlock } from '../../protocol/keys/index.js';
import { dataDirPaths } from '../../node/app/daemon/data-dir.js';
import { RocksBlockStore } from '../../store/rocks-block-store.js';
import { CRASH_STORE_BUDGETS } from './crash-nodes.js';

export interface StoreCheck {
  /** Blocks in the store and cache partitions, as the opened store counts them. */
  readonly blocks: number;
  /** Blocks read back that verified against their routing key. */
  readonly verified: number;
  /** What went wrong: a repair on open, a block that did not read back or verify, blocks under no known key. */
  readonly failures: readonly string[];
  /** Hex routing keys of the blocks held. */
  readonly held: ReadonlySet<string>;
}

/** Opens the store of the node in `dataDir` (the node must not be running), reads and verifies every block, closes it. */
export async function checkStore(dataDir: string, location: number, keys: ReadonlyMap<string, Uint8Array>): Promise<StoreCheck> {
  const failures: string[] = [];
  const store = await RocksBlockStore.open(
    { logger: { warn: (fields, message) => failures.push(`on open: ${message} ${JSON.stringify(fields)}`) } },
    { path: dataDirPaths(dataDir).store, nodeLocation: location, ...CRASH_STORE_BUDGETS },
  );
  const held = new Set<string>();
  let verified = 0;
  try {
    for (const [hex, routingKey] of keys) {
      if (!(await store.has(routingKey))) continue;
      held.add(hex);
      const block = await store.get(routingKey);
      if (block === undefined) {
        failures.push(`${hex}: indexed, but does not read back`);
        continue;
      }
      try {
        verifyBlock(routingKey, block);
        verified += 1;
      } catch (error) {
        failures.push(`${hex}: ${(error as Error).message}`);
      }
    }
    const stats = store.stats();
    const blocks = stats.store.blocks + stats.cache.blocks;
    if (blocks > held.size) failures.push(`${blocks - held.size} block(s) held under no routing key the traffic used`);
    if (stats.corruptRemoved > 0) failures.push(`${stats.corruptRemoved} corrupt block(s) removed on read`);
    return { blocks, verified, failures, held };
  } finally {
    await store.close();
  }
}
