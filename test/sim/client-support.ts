/**
 * Fixtures for client tests on a simulated network (test/support/simulated-networks.ts builds
 * it): a driver that runs the virtual clock while a client operation is in progress (FEC work
 * runs in the thread pool, outside virtual time), and nodes that misbehave at the client edge.
 */
import { randomBytes } from '../../protocol/crypto.js';
import type { ClientNode } from '../../node/client/types.js';
import type { SimulatedNetwork } from '../../sim/simulated-network.js';

/** Runs the virtual clock until `operation` settles. */
export async function drive<T>(sim: SimulatedNetwork, operation: Promise<T>): Promise<T> {
  let settled = false;
  operation.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await sim.clock.run();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return operation;
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Deterministic-length random content. */
export const content = (length: number): Uint8Array => randomBytes(length);

/** Deletes the block under each key from every node's store and cache. */
export async function deleteEverywhere(sim: SimulatedNetwork, routingKeys: readonly Uint8Array[]): Promise<void> {
  for (const { store } of sim.nodes) for (const key of routingKeys) await store.delete(key);
}

/** A node whose answers for chosen keys are altered (a hostile or broken path the client must not trust). */
export function alteringNode(inner: ClientNode, alter: (routingKey: Uint8Array, block: Uint8Array) => Uint8Array): ClientNode {
  return {
    request: async (routingKey, options) => alter(routingKey, await inner.request(routingKey, options)),
    insert: (routingKey, block, options) => inner.insert(routingKey, block, options),
  };
}
