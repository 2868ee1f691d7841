/**
 * Bad handshakes for tcp-bad-handshakes.test.ts and bench/handshake-cost.ts, over real TCP and
 * Noise (tcp-raw-peer.ts): one connection of each kind, run from the caller itself, and a whole
 * attack run in a worker thread (so that the caller's own node is not slowed by the attacker's
 * share of the work).
 *
 *   test ──workerData AttackPlan──> worker: every kind in `lanes` loops from 127.0.0.1, and
 *                                   `stallLanes` loops of stalled connections from `stallAddress`,
 *                                   each reopened as soon as the node closes it, for `ms`
 *   worker ──AttackReport──> test
 */
import { connect, type Socket } from 'node:net';
import { setPriority } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { randomBytes } from '../../protocol/crypto.js';
import { leadingZeroBits, type NodeIdentity } from '../../protocol/identity.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { identityProofHash } from '../../protocol/identity-proof.js';
import { rawDial } from './tcp-raw-peer.js';
import { startTsWorker } from './ts-worker.js';

/**
 * A plain TCP socket to `address` (a multiaddr on 127.0.0.1) from `localAddress`, reading and
 * dropping what comes; resolves once connected, or closed (a connection refused at accept may be
 * reset before the connect completes).
 */
export async function socketTo(address: string, localAddress = '127.0.0.1'): Promise<Socket> {
  const port = Number(address.split('/')[4]);
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  socket.on('error', () => undefined);
  // Read, so that the node's close is seen.
  socket.resume();
  await new Promise<void>((resolve) => {
    socket.once('connect', resolve);
    socket.once('close', () => resolve());
  });
  return socket;
}

/** Resolves when the socket has closed, reset or not. */
export const closeOf = (socket: Socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

/** A key whose proof falls short of `difficulty`. */
export async function weakIdentity(difficulty: number): Promise<NodeIdentity> {
  const base = await mintIdentity({ difficulty: 0 });
  const nonce = new Uint8Array(8);
  while (leadingZeroBits(identityProofHash(base.publicKey, nonce)) >= difficulty) nonce[7]!++;
  return { ...base, nonce };
}

/** One bad connection: resolves once the node has closed it. */
export type BadHandshake = (address: string) => Promise<void>;

/** Every kind of bad handshake, by name; `weak` proves too little, `victim` is someone else's valid proof. */
export function badHandshakes(weak: NodeIdentity, victim: NodeIdentity): Record<string, BadHandshake> {
  const afterNoise =
    (first: (raw: Awaited<ReturnType<typeof rawDial>>) => void): BadHandshake =>
    async (address) => {
      const raw = await rawDial(weak, address);
      first(raw);
      await raw.closed;
    };
  return {
    // Well-formed enough that the node does its whole side of Noise before the last message fails to decrypt.
    'garbage bytes': async (address) => {
      const socket = await socketTo(address);
      socket.write(Buffer.concat([Uint8Array.of(0, 32), randomBytes(32), Uint8Array.of(0, 200), randomBytes(200)]));
      await closeOf(socket);
    },
    'an oversized frame': afterNoise((raw) => raw.sendBytes(Uint8Array.of(0x81, 0xa0, 0x02))),
    'a frame before the Hello': afterNoise((raw) => raw.send({ tx: 1n, body: { type: 'ping' } })),
    'a proof with too few zero bits': afterNoise((raw) => raw.sendHello(weak)),
    'a proof for a different key': afterNoise((raw) => raw.sendHello(victim)),
    'a stalled handshake': async (address) => closeOf(await socketTo(address)),
  };
}

export interface AttackPlan {
  readonly address: string;
  readonly difficulty: number;
  readonly ms: number;
  /** Loops of bad handshakes of every kind, in turn, from 127.0.0.1. */
  readonly lanes: number;
  /** Loops of stalled connections from `stallAddress`. */
  readonly stallLanes: number;
  readonly stallAddress: string;
  /**
   * The worker thread's CPU priority (a nice value, 19 the lowest; Linux sets it per thread): a
   * benchmark's attacker on the target's machine then takes none of the CPU the target needs, as
   * one on another machine would not. Default: unchanged.
   */
  readonly nice?: number;
}

export interface AttackReport {
  /** Bad handshakes of every kind completed (each closed by the node). */
  readonly handshakes: number;
  /** Each stalled connection: milliseconds from connected to closed by the node. */
  readonly stalls: Array<{ readonly openedAt: number; readonly closedAt: number }>;
}

/** Runs `plan` in a worker thread; resolves with its report when it is over. */
export function attackInWorker(plan: AttackPlan): Promise<AttackReport> {
  const worker = startTsWorker(import.meta.url, plan);
  return new Promise<AttackReport>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

async function attack(plan: AttackPlan): Promise<AttackReport> {
  if (plan.nice !== undefined) setPriority(plan.nice);
  const kinds = Object.values(badHandshakes(await weakIdentity(plan.difficulty), await mintIdentity({ difficulty: plan.difficulty })));
  const ends = performance.now() + plan.ms;
  let handshakes = 0;
  const stalls: Array<{ openedAt: number; closedAt: number }> = [];
  await Promise.all([
    ...Array.from({ length: plan.lanes }, async (_, lane) => {
      for (let i = lane; performance.now() < ends; i++, handshakes++) await kinds[i % kinds.length]!(plan.address);
    }),
    ...Array.from({ length: plan.stallLanes }, async () => {
      while (performance.now() < ends) {
        const socket = await socketTo(plan.address, plan.stallAddress);
        const openedAt = performance.now();
        await closeOf(socket);
        stalls.push({ openedAt, closedAt: performance.now() });
        // A connection refused at once is not reopened in the same turn: the loop would never yield.
        await sleep(0);
      }
    }),
  ]);
  return { handshakes, stalls };
}

if (parentPort !== null && (workerData as AttackPlan | undefined)?.address !== undefined) parentPort.postMessage(await attack(workerData as AttackPlan));
