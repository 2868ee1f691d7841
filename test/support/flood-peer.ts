/**
 * The flooding peer of flood.test.ts and bench/flood.ts, run in a worker thread so that it
 * has a core of its own: real TCP, Noise and Hello (tcp-raw-peer.ts), then DataRequests for
 * random keys at a fixed rate until told to stop, counting what comes back.
 *
 *   parent ──workerData {address, difficulty, perSecond}──> worker ──'ready' {peerId}──> parent
 *   parent ──'stop'──> worker ──'done' FloodPeerReport──> parent
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import type { PeerId } from '../../node/transport.js';
import { rawDial } from './tcp-raw-peer.js';

export interface FloodPeerData {
  readonly address: string;
  readonly difficulty: number;
  readonly perSecond: number;
}

export interface FloodPeerReport {
  readonly sent: number;
  readonly seconds: number;
  readonly rejectedOverload: number;
  readonly otherReplies: number;
  /** Whether the node closed the link. */
  readonly disconnected: boolean;
}

/** A running flooder: stop it to get its report. */
export interface FloodPeer {
  readonly peerId: PeerId;
  stop(): Promise<FloodPeerReport>;
}

/** Starts a flooder in a worker; resolves once its link to `address` is up and it has begun. */
export function startFloodPeer(data: FloodPeerData): Promise<FloodPeer> {
  // A worker does not inherit the parent's TypeScript loader: it registers tsx and the polyfills itself.
  const polyfills = new URL('../../node/polyfills.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(async ({ register }) => { register(); await import(${JSON.stringify(polyfills)}); await import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  return next<{ peerId: PeerId }>().then(({ peerId }) => ({
    peerId,
    async stop() {
      const report = next<FloodPeerReport>();
      worker.postMessage('stop');
      const result = await report;
      await worker.terminate();
      return result;
    },
  }));
}

async function flood(port: NonNullable<typeof parentPort>, { address, difficulty, perSecond }: FloodPeerData): Promise<void> {
  const identity = await mintIdentity({ difficulty });
  const peer = await rawDial(identity, address);
  peer.sendHello(identity);
  while (peer.received.length === 0 && !peer.isClosed) await sleep(5);
  let stopping = false;
  port.once('message', () => (stopping = true));
  port.postMessage({ peerId: toHex(identity.publicKey) });
  const startedAt = performance.now();
  let sent = 0;
  while (!stopping && !peer.isClosed) {
    const due = Math.floor((perSecond * (performance.now() - startedAt)) / 1000);
    for (; sent < due; sent++) {
      const tx = new DataView(randomBytes(8).buffer).getBigUint64(0);
      peer.send({ tx, body: { type: 'dataRequest', keyType: 'chk', routingKey: randomBytes(32), htl: 18 } });
    }
    await sleep(1);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  await sleep(300);
  const replies = peer.received.slice(1);
  const rejectedOverload = replies.filter(({ body }) => body.type === 'rejectedOverload').length;
  port.postMessage({ sent, seconds, rejectedOverload, otherReplies: replies.length - rejectedOverload, disconnected: peer.isClosed } satisfies FloodPeerReport);
  peer.abort();
}

if (parentPort !== null && (workerData as FloodPeerData | undefined)?.address !== undefined) await flood(parentPort, workerData as FloodPeerData);
