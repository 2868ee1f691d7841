/**
 * Warren's side of bench/side-by-side.ts: the client code and real `warren node` processes (dist/ build)
 * on loopback (test/support/client-network.ts).
 *
 *   encodeAndStore(file, dataDir)  the client (node/client) inserting straight into the RocksBlockStore of a
 *                                  data directory whose node is not running: encode, FEC, CHK, put; then
 *                                  that node, once started, holds the file. This process runs it with the
 *                                  heap setting a node runs with (node/app/daemon/heap.ts)
 *   put(dir, file) / get(dir, uri, out)   `warren put` / `warren get` through the node of `dir` (optionally
 *                                  with Node.js options, e.g. --cpu-prof for bench/profile-put-get.ts)
 *   nodesOf(network, names)        a network's node processes, named, for metering
 */
import type { ChildProcess } from 'node:child_process';
import { Client } from '../node/client/client.js';
import type { ClientNode } from '../node/client/types.js';
import { dataDirPaths, prepareDataDir, saveIdentity } from '../node/app/daemon/data-dir.js';
import { configureNodeHeap } from '../node/app/daemon/heap.js';
import { mintIdentity } from '../protocol/identity-mint.js';
import { RocksBlockStore } from '../store/rocks-block-store.js';
import { builtMain } from '../test/support/client-network.js';
import { DIFFICULTY } from '../test/support/flood-setup.js';
import { type CommandRun, command, meteredSelf, type NamedProcess } from './process-usage.js';

/** The longest one `warren put` or `warren get` may take (a hang guard). */
const TRANSFER_TIMEOUT_MS = 30 * 60_000;

/** A ClientNode whose inserts go into a store and whose requests read it: the client with no network. */
function storeNode(store: RocksBlockStore): ClientNode {
  return {
    async request(routingKey) {
      const block = await store.get(routingKey);
      if (block === undefined) throw new Error('not in the store');
      return block;
    },
    insert: (routingKey, block, options) => store.put(routingKey, block, { partition: 'store', verified: options?.made }),
  };
}

/**
 * Makes `dataDir` a node's data directory holding `file`: an identity at the loopback networks' difficulty,
 * then the file inserted by the client into its store. Timed and metered: opening the store, the insert, closing it.
 */
export async function encodeAndStore(file: string, dataDir: string, storeBytes: number): Promise<CommandRun & { uri: string }> {
  const paths = await prepareDataDir(dataDir);
  const identity = await mintIdentity({ difficulty: DIFFICULTY });
  await saveIdentity(paths, identity);
  configureNodeHeap();
  const { value, seconds, usage } = await meteredSelf('this bench (client code, RocksDB)', async () => {
    const store = await RocksBlockStore.open(
      {},
      { path: dataDirPaths(dataDir).store, nodeLocation: identity.location, storeBudgetBytes: storeBytes, cacheBudgetBytes: storeBytes },
    );
    try {
      return await new Client({ node: storeNode(store) }).insertFile(file, { name: 'file.bin' });
    } finally {
      await store.close();
    }
  });
  return { stdout: '', seconds, usage, uri: value.toString() };
}

/** `warren put file` through the node of `dataDir` (`nodeOptions`: e.g. `--cpu-prof`); the run and the URI it printed. */
export async function put(dataDir: string, file: string, nodeOptions: readonly string[] = []): Promise<CommandRun & { uri: string }> {
  const args = [...nodeOptions, builtMain, 'put', file, '--data-dir', dataDir, '--json'];
  const run = await command('warren put', process.execPath, args, TRANSFER_TIMEOUT_MS);
  return { ...run, uri: (JSON.parse(run.stdout) as { uri: string }).uri };
}

/** `warren get uri -o output` through the node of `dataDir` (`nodeOptions`: e.g. `--cpu-prof`). */
export function get(dataDir: string, uri: string, output: string, nodeOptions: readonly string[] = []): Promise<CommandRun> {
  const args = [...nodeOptions, builtMain, 'get', uri, '--data-dir', dataDir, '-o', output, '--json'];
  return command('warren get', process.execPath, args, TRANSFER_TIMEOUT_MS);
}

/** The network's node processes under the given names, in order. */
export function nodesOf(processes: readonly ChildProcess[], names: readonly string[]): NamedProcess[] {
  return processes.map((child, index) => ({ name: names[index]!, pid: child.pid! }));
}
