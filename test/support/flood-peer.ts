/**
 * The flooding peer of flood.test.ts and bench/flood.ts, run in a worker thread so that it
 * has a core of its own: real TCP, Noise and Hello (tcp-raw-peer.ts), then DataRequests for
 * random keys at a fixed rate until told to stop, counting what comes back. Once stopped it
 * waits for the answers still on their way (up to `ANSWER_WAIT_MS`) before its final count.
 *
 *   parent ──workerData {address, difficulty, perSecond}──> worker ──'ready' {peerId}──> parent
 *   worker ──'progress' FloodCounts, every 50 ms──> parent (FloodPeer.progress)
 *   parent ──'stop'──> worker ──'done' FloodPeerReport──> parent
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { PeerId } from '../../node/transport.js';
import { toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { rawDial } from './tcp-raw-peer.js';
import { startTsWorker } from './ts-worker.js';

/** How long a stopped flooder waits for answers to what it sent, at most: a hang guard. */
const ANSWER_WAIT_MS = 30_000;
const PROGRESS_MS = 50;

export interface FloodPeerData {
  readonly address: string;
  readonly difficulty: number;
  readonly perSecond: number;
}

export interface FloodCounts {
  readonly sent: number;
  readonly rejectedOverload: number;
  /** Answers other than RejectedOverload: requests the node admitted and routed. */
  readonly otherReplies: number;
  /** Whether the node closed the link. */
  readonly disconnected: boolean;
}

export interface FloodPeerReport extends FloodCounts {
  /** Seconds spent sending. */
  readonly seconds: number;
}

type FloodMessage = { type: 'ready'; peerId: PeerId } | ({ type: 'progress' } & FloodCounts) | ({ type: 'done' } & FloodPeerReport);

/** A running flooder: its counts so far, stop() for its report, terminate() to end it at once (teardown). */
export interface FloodPeer {
  readonly peerId: PeerId;
  readonly progress: FloodCounts;
  stop(): Promise<FloodPeerReport>;
  terminate(): Promise<void>;
}

/** A promise with its resolve and reject (Promise.withResolvers, which Node 20 lacks). */
function settlable<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/** Starts a flooder in a worker; resolves once its link to `address` is up and it has begun. */
export async function startFloodPeer(data: FloodPeerData): Promise<FloodPeer> {
  const worker = startTsWorker(import.meta.url, data);
  let progress: FloodCounts = { sent: 0, rejectedOverload: 0, otherReplies: 0, disconnected: false };
  const ready = settlable<PeerId>();
  // A flooder the node disconnects reports on its own, before it is asked to stop: kept until then.
  const done = settlable<FloodPeerReport>();
  done.promise.catch(() => undefined);
  worker.on('message', (message: FloodMessage) => {
    if (message.type === 'ready') ready.resolve(message.peerId);
    else if (message.type === 'progress') progress = message;
    else {
      // The final counts stand as progress too: a flooder the node disconnected sends no more progress.
      const { type: _, ...report } = message;
      progress = report;
      done.resolve(report);
    }
  });
  worker.on('error', (error) => {
    ready.reject(error);
    done.reject(error);
  });
  const peerId = await ready.promise;
  return {
    peerId,
    get progress() {
      return progress;
    },
    async stop() {
      worker.postMessage('stop');
      return done.promise.finally(() => worker.terminate());
    },
    terminate: () => worker.terminate().then(() => undefined),
  };
}

async function flood(port: NonNullable<typeof parentPort>, { address, difficulty, perSecond }: FloodPeerData): Promise<void> {
  const identity = await mintIdentity({ difficulty });
  const peer = await rawDial(identity, address);
  peer.sendHello(identity);
  while (peer.received.length === 0 && !peer.isClosed) await sleep(5);
  let stopping = false;
  port.once('message', () => (stopping = true));
  let sent = 0;
  const counts = (): FloodCounts => {
    // Every answer but the acceptance that precedes an admitted request's answer.
    const replies = peer.received.slice(1).filter(({ body }) => body.type !== 'requestAccepted');
    const rejectedOverload = replies.filter(({ body }) => body.type === 'rejectedOverload').length;
    return { sent, rejectedOverload, otherReplies: replies.length - rejectedOverload, disconnected: peer.isClosed };
  };
  const reporter = setInterval(() => port.postMessage({ type: 'progress', ...counts() } satisfies FloodMessage), PROGRESS_MS);
  port.postMessage({ type: 'ready', peerId: toHex(identity.publicKey) } satisfies FloodMessage);
  const startedAt = performance.now();
  while (!stopping && !peer.isClosed) {
    const due = Math.floor((perSecond * (performance.now() - startedAt)) / 1000);
    for (; sent < due; sent++) {
      const tx = new DataView(randomBytes(8).buffer).getBigUint64(0);
      peer.send({ tx, body: { type: 'dataRequest', keyType: 'chk', routingKey: randomBytes(32), htl: 18 } });
    }
    await sleep(1);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  for (const deadline = performance.now() + ANSWER_WAIT_MS; peer.received.length - 1 < sent && !peer.isClosed && performance.now() < deadline; )
    await sleep(10);
  clearInterval(reporter);
  port.postMessage({ type: 'done', ...counts(), seconds } satisfies FloodMessage);
  peer.abort();
}

if (parentPort !== null && (workerData as FloodPeerData | undefined)?.address !== undefined) await flood(parentPort, workerData as FloodPeerData);
