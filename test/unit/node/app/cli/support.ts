/** Helpers shared by the CLI's tests: a data directory whose api.json leads to a real API over a one-store network. */
import { join } from 'node:path';
import { mintIdentity } from '../../../../../protocol/identity-mint.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import { loadOrCreateApiToken, prepareDataDir, writeApiInfo } from '../../../../../node/app/daemon/data-dir.js';
import { Healer } from '../../../../../node/client/healer.js';
import { silentLogger } from '../../../../../node/components.js';
import { createSimulatedNetwork } from '../../../../../sim/simulated-network.js';
import { MemoryClientNode } from '../../client/support.js';

export interface NodeOverMemory {
  /** The data directory the commands are given (`--data-dir`). */
  readonly dataDir: string;
  /** The network the API's file endpoints read and write. */
  readonly memory: MemoryClientNode;
  stop(): Promise<void>;
}

/** An API in `root/node` whose file operations go to a one-store network (`memory`). */
export async function nodeOverMemory(root: string, seed: string): Promise<NodeOverMemory> {
  const sim = await createSimulatedNetwork({ seed, locations: [0.5], edges: [] });
  const paths = await prepareDataDir(join(root, 'node'));
  const token = await loadOrCreateApiToken(paths);
  const memory = new MemoryClientNode();
  const { node, store } = sim.nodes[0]!;
  const identity = await mintIdentity({ difficulty: 4, workers: 0 });
  const operations = new CountingOperations(memory as never);
  // As the daemon does: healing on.
  const healer = new Healer({ node: operations });
  const api = new ApiServer({ node, store, identity, operations, healer, clock: sim.clock, logger: silentLogger, addresses: () => [] }, { token, port: 0 });
  await api.start();
  await writeApiInfo(paths, { host: '127.0.0.1', port: api.port, pid: process.pid });
  return {
    dataDir: paths.root,
    memory,
    stop: async () => {
      await api.stop();
      await sim.stop();
    },
  };
}
