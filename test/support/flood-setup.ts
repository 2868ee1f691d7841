/**
 * Real nodes over TCP for flood.test.ts and bench/flood.ts: a node with an in-memory store
 * on loopback, honest clients asking at a steady rate, and the target's state sampled while
 * a flooder (flood-peer.ts, in a worker) runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CryptoRng, silentLogger, SystemClock } from '../../node/components.js';
import { TcpTransport } from '../../node/net/tcp-transport.js';
import { Node, type NodeInit } from '../../node/node.js';
import type { PeerId } from '../../node/transport.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { MemoryBlockStore } from '../../store/memory-block-store.js';
import { type Defer, useTeardown } from './teardown.js';

/** The wait its users need with these nodes (a hang guard: see until.ts). */
export { until } from './until.js';

export const DIFFICULTY = 8;

export interface RealNode {
  readonly node: Node;
  readonly transport: TcpTransport;
  readonly store: MemoryBlockStore;
}

export async function startNode(init: Omit<NodeInit, 'location'> = {}): Promise<RealNode> {
  const identity = await mintIdentity({ difficulty: DIFFICULTY });
  const clock = new SystemClock();
  const transport = new TcpTransport({ identity, clock, logger: silentLogger }, { listen: ['/ip4/127.0.0.1/tcp/0'], powDifficulty: DIFFICULTY });
  const store = new MemoryBlockStore({}, { nodeLocation: identity.location });
  const node = new Node({ transport, store, clock, rng: new CryptoRng() }, { ...init, location: identity.location });
  await node.start();
  return { node, transport, store };
}

/** `startNode` for a test: each node it starts is stopped by the test's teardown (`defer`). */
export function useStartedNodes(defer: Defer = useTeardown()): () => Promise<RealNode> {
  return async () => {
    const real = await startNode();
    defer(() => real.node.stop());
    return real;
  };
}

export interface FetchLoad {
  /** Fetches each client starts per second. */
  readonly perSecond: number;
  /** Most fetches one client has outstanding; beyond, it skips its turn (so a slow node gets fewer). */
  readonly maxInFlight: number;
  readonly windowMs: number;
}

export interface FetchReport {
  /** Blocks returned within the window per second, all clients together. */
  readonly perSecond: number;
  readonly failed: number;
  /** Milliseconds each successful fetch took. */
  readonly latenciesMs: number[];
}

/** Every client asks for random `keys` at the given rate for the window. */
export async function fetchAtRate(clients: readonly Node[], keys: readonly Uint8Array[], load: FetchLoad): Promise<FetchReport> {
  const startedAt = performance.now();
  const end = startedAt + load.windowMs;
  let ok = 0;
  let failed = 0;
  const latenciesMs: number[] = [];
  const pending: Array<Promise<void>> = [];
  const fetchOne = (client: Node): Promise<void> => {
    const askedAt = performance.now();
    return client.request(keys[Math.floor(Math.random() * keys.length)]!).then(
      () => {
        const now = performance.now();
        latenciesMs.push(now - askedAt);
        if (now < end) ok++;
      },
      () => void failed++,
    );
  };
  await Promise.all(
    clients.map(async (client) => {
      let asked = 0;
      let inFlight = 0;
      for (let now = startedAt; now < end; now = performance.now()) {
        for (const due = Math.floor(((now - startedAt) * load.perSecond) / 1000); asked < due && inFlight < load.maxInFlight; asked++) {
          inFlight++;
          pending.push(fetchOne(client).finally(() => inFlight--));
        }
        await sleep(2);
      }
    }),
  );
  await Promise.all(pending);
  return { perSecond: (ok * 1000) / load.windowMs, failed, latenciesMs };
}

export interface TargetPeaks {
  readonly maxActive: number;
  readonly maxFlooderRoutes: number;
  /** The flooder's share when sampling stopped. */
  readonly routesPerPeer: number;
}

/** The most the target held while sampling: routes in flight, and what the flooder held of them. */
export function sampleTarget(target: Node, flooder: PeerId): { stop(): TargetPeaks } {
  let maxActive = 0;
  let maxFlooderRoutes = 0;
  const sampler = setInterval(() => {
    maxActive = Math.max(maxActive, target.activeTransactions);
    maxFlooderRoutes = Math.max(maxFlooderRoutes, target.load.heldBy(flooder));
  }, 10);
  return {
    stop() {
      clearInterval(sampler);
      return { maxActive, maxFlooderRoutes, routesPerPeer: target.load.routesPerPeer };
    },
  };
}
