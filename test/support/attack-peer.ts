/**
 * A hostile peer in a worker thread (so it has a core of its own), for the flood tests and
 * bench/attack-floods.ts: real TCP, Noise and Hello (tcp-raw-peer.ts) under one identity, then
 * DataRequests for random keys, or InsertRequests whose block it never sends, at a fixed rate
 * until told to stop. When the node closes its link it dials again with the same identity and
 * goes on, as a real attacker would; what it counts says whether it was refused or dropped. What
 * the node routes to it goes unanswered (a black hole), unless it is told to answer DataRequests
 * with RouteNotFound, so that a measurement sees the flood alone.
 *
 *   parent ──workerData AttackPeerData──> worker ──'ready' {peerId}──> parent
 *   worker ──'progress' AttackCounts, every 50 ms──> parent (AttackPeer.progress)
 *   parent ──'stop'──> worker ──'done' AttackCounts──> parent
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { PeerId } from '../../node/transport.js';
import { toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import type { WireMessage } from '../../protocol/wire/messages.js';
import { type RawPeer, rawDial } from './tcp-raw-peer.js';
import { startTsWorker } from './ts-worker.js';

const PROGRESS_MS = 50;
/** Pause before dialling again after the node closed the link or refused a dial. */
const REDIAL_MS = 200;
/** How long the worker waits for the node's Hello on a new link, at most: a hang guard. */
const HELLO_WAIT_MS = 10_000;

export interface AttackPeerData {
  readonly address: string;
  readonly difficulty: number;
  /** `requests`: DataRequests for random keys; `inserts`: InsertRequests whose block never follows. */
  readonly kind: 'requests' | 'inserts';
  readonly perSecond: number;
  /** Answer the DataRequests the node routes to it with RouteNotFound (default: never answer). */
  readonly answering?: boolean;
}

export interface AttackCounts {
  readonly sent: number;
  readonly rejectedOverload: number;
  /** RequestAccepted or InsertAccepted answers: requests or inserts the node took on. */
  readonly accepted: number;
  /** Every other answer. */
  readonly otherReplies: number;
  /** Times the node closed the link (each followed by a new dial). */
  readonly disconnections: number;
}

type AttackMessage = { type: 'ready'; peerId: PeerId } | ({ type: 'progress' } & AttackCounts) | ({ type: 'done' } & AttackCounts);

/** A running attacker: its counts so far, stop() for the final ones, terminate() to end it at once (teardown). */
export interface AttackPeer {
  readonly peerId: PeerId;
  readonly progress: AttackCounts;
  stop(): Promise<AttackCounts>;
  terminate(): Promise<void>;
}

/** Starts an attacker in a worker; resolves once its first link to `address` is up and it has begun. */
export async function startAttackPeer(data: AttackPeerData): Promise<AttackPeer> {
  const worker = startTsWorker(import.meta.url, data);
  let progress: AttackCounts = { sent: 0, rejectedOverload: 0, accepted: 0, otherReplies: 0, disconnections: 0 };
  const waiting = new Map<AttackMessage['type'], (message: AttackMessage) => void>();
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  failed.catch(() => undefined);
  const expect = (type: 'ready' | 'done'): Promise<AttackMessage> =>
    Promise.race([new Promise<AttackMessage>((resolve) => waiting.set(type, resolve)), failed]);
  worker.on('message', (message: AttackMessage) => {
    if (message.type === 'progress') progress = message;
    else waiting.get(message.type)?.(message);
  });
  const ready = (await expect('ready')) as { peerId: PeerId };
  return {
    peerId: ready.peerId,
    get progress() {
      return progress;
    },
    async stop() {
      const done = expect('done');
      worker.postMessage('stop');
      const { type: _, ...counts } = (await done.finally(() => worker.terminate())) as { type: 'done' } & AttackCounts;
      return counts;
    },
    terminate: () => worker.terminate().then(() => undefined),
  };
}

function attackMessage(kind: AttackPeerData['kind']): WireMessage {
  const routingKey = randomBytes(32);
  return kind === 'requests' ? { type: 'dataRequest', keyType: 'chk', routingKey, htl: 18 } : { type: 'insertRequest', keyType: 'chk', routingKey, htl: 18 };
}

async function attack(port: NonNullable<typeof parentPort>, { address, difficulty, kind, perSecond, answering = false }: AttackPeerData): Promise<void> {
  const identity = await mintIdentity({ difficulty });
  const counts = { sent: 0, rejectedOverload: 0, accepted: 0, otherReplies: 0, disconnections: 0 };
  const count = ({ body }: { body: WireMessage }): void => {
    if (body.type === 'rejectedOverload') counts.rejectedOverload++;
    else if (body.type === 'insertAccepted' || body.type === 'requestAccepted') counts.accepted++;
    else if (body.type !== 'hello') counts.otherReplies++;
  };
  let stopping = false;
  port.once('message', () => (stopping = true));
  const reporter = setInterval(() => port.postMessage({ type: 'progress', ...counts } satisfies AttackMessage), PROGRESS_MS);
  let announced = false;
  while (!stopping) {
    const peer = await linkUp(identity, address, count, answering);
    if (peer === undefined) {
      await sleep(REDIAL_MS);
      continue;
    }
    if (!announced) port.postMessage({ type: 'ready', peerId: toHex(identity.publicKey) } satisfies AttackMessage);
    announced = true;
    // Each link starts its own schedule: what a dropped link missed is not sent in a burst.
    const startedAt = performance.now();
    const sentBefore = counts.sent;
    while (!stopping && !peer.isClosed) {
      const due = sentBefore + Math.floor((perSecond * (performance.now() - startedAt)) / 1000);
      for (; counts.sent < due; counts.sent++) peer.send({ tx: new DataView(randomBytes(8).buffer).getBigUint64(0), body: attackMessage(kind) });
      await sleep(1);
    }
    if (peer.isClosed) counts.disconnections++;
    peer.abort();
    if (!stopping) await sleep(REDIAL_MS);
  }
  clearInterval(reporter);
  port.postMessage({ type: 'done', ...counts } satisfies AttackMessage);
}

/** A link to `address` past Noise and both Hellos, counting what arrives on it; undefined if the node would not have it. */
async function linkUp(
  identity: NodeIdentity,
  address: string,
  count: (envelope: { body: WireMessage }) => void,
  answering: boolean,
): Promise<RawPeer | undefined> {
  const peer = await rawDial(identity, address).catch(() => undefined);
  if (peer === undefined) return undefined;
  let greeted = false;
  peer.onEnvelope = (envelope) => {
    if (envelope.body.type === 'hello') greeted = true;
    if (answering && envelope.body.type === 'dataRequest') peer.send({ tx: envelope.tx, body: { type: 'routeNotFound', htl: envelope.body.htl } });
    count(envelope);
  };
  peer.sendHello(identity);
  for (const deadline = performance.now() + HELLO_WAIT_MS; !greeted && !peer.isClosed && performance.now() < deadline; ) await sleep(5);
  if (greeted && !peer.isClosed) return peer;
  peer.abort();
  return undefined;
}

if (parentPort !== null && (workerData as AttackPeerData | undefined)?.address !== undefined) await attack(parentPort, workerData as AttackPeerData);
