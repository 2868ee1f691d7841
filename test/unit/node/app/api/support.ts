/** Helpers shared by the API's tests: raw HTTP calls, an API over a simulated node, a clock pump, a one-store network. */
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeIdentity } from '../../../../../protocol/identity.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import { silentLogger } from '../../../../../node/components.js';
import type { SimulatedNetwork, SimulatedNode } from '../../../../../sim/simulated-network.js';

export const TOKEN = 'ab'.repeat(32);

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** One HTTP call with full control of the headers (fetch would not let a test set Host). */
export function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers: { authorization: `Bearer ${TOKEN}`, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

export const errorOf = (answer: Answer): { code: string; message: string } =>
  (JSON.parse(answer.body.toString()) as { error: { code: string; message: string } }).error;

/** Runs the virtual clock in the background, so routes advance while a test waits on real HTTP. */
export function pump(sim: SimulatedNetwork): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await sim.clock.run({ until: sim.clock.now() + 1_000 });
      await sleep(1);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

export async function apiOver(sim: SimulatedNetwork, simulated: SimulatedNode, identity: NodeIdentity): Promise<ApiServer> {
  const { node, store } = simulated;
  const api = new ApiServer(
    { node, store, identity, operations: new CountingOperations(node), clock: sim.clock, logger: silentLogger, addresses: () => ['/ip4/127.0.0.1/tcp/7400'] },
    { token: TOKEN, port: 0 },
  );
  await api.start();
  return api;
}

/** A network of one store (every insert lands, every request finds it or is not found; SSK slots collide). */
export { MemoryClientNode as MemoryNetworkNode } from '../../client/support.js';
