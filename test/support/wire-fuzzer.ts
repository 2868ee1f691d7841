/**
 * A wire fuzzer against a live node in its own process (node-process.ts), over real TCP and
 * Noise (tcp-raw-peer.ts): a hostile peer sends mutated frames of every message type, and the
 * run watches for the two failures that matter.
 *
 *   loop:  batch of well-formed hostile frames ──> Ping ──> Pong?        (pacing and liveness)
 *          sometimes one corrupted frame ──> Ping ──> Pong, or the link closes (expected)
 *          ──> reconnect when closed
 *   every probe interval: an honest peer asks for a block the target holds ──> DataFound?
 *   every RSS interval: the target's resident set size
 *
 *   crash: the target process exits         hang: neither Pong nor close within `hangMs`
 *
 * Each finding keeps the frames that led to it (hex payloads), to be saved as a regression input.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex, toHex } from '../../protocol/bytes.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { encodeFrame, type Envelope, type WireMessageType } from '../../protocol/wire/index.js';
import { MAX_HTL } from '../../protocol/wire/limits.js';
import { SeededRng } from '../../sim/rng.js';
import { DIFFICULTY } from './flood-setup.js';
import { NodeProcess } from './node-process.js';
import { rawDial, type RawPeer } from './tcp-raw-peer.js';
import { FrameMutator } from './wire-mutations.js';

export interface FuzzInit {
  readonly target: NodeProcess;
  readonly address: string;
  readonly fuzzer: NodeIdentity;
  readonly honest: NodeIdentity;
  /** A routing key the target stores: the honest peer asks for it. */
  readonly probeKey: Uint8Array;
  readonly rng: SeededRng;
  /** Frames to send in all. */
  readonly frames: number;
  /** Share of frames corrupted at the byte level (each may cost a reconnect). */
  readonly corruptShare: number;
  /** Well-formed frames between two Pings. */
  readonly batch?: number;
  /** How long a Pong, a close or a probe's answer may take before it counts as a hang. Default 20 s. */
  readonly hangMs?: number;
  readonly probeEveryMs?: number;
  /** Replays these payloads (hex) instead of generating frames. */
  readonly replay?: readonly string[];
}

export interface Finding {
  readonly kind: 'crash' | 'hang';
  readonly what: string;
  /** The payloads sent since the last answer, oldest first, as hex. */
  readonly frames: readonly string[];
}

export interface FuzzReport {
  frames: number;
  /** The target's resident set before the first frame: the reference for `maxRssBytes`. */
  idleRssBytes: number;
  corrupted: number;
  readonly byType: Map<WireMessageType, number>;
  linksClosed: number;
  probes: number;
  probeFailures: number;
  maxRssBytes: number;
  readonly findings: Finding[];
}

/** Pause before dialling again when the node closed the connection as soon as it accepted it. */
const REDIAL_MS = 50;

/**
 * Dials until the node keeps the connection, for up to `withinMs`: a node closes at once the
 * connections of an address range beyond its accept budget (spec/wire.md §10.6), which a fuzzer
 * reconnecting after every frame that ended its link meets.
 */
async function dialKept(identity: NodeIdentity, address: string, withinMs: number): Promise<RawPeer> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    try {
      return await rawDial(identity, address);
    } catch (error) {
      if (performance.now() >= deadline) throw error;
      await sleep(REDIAL_MS);
    }
  }
}

class Link {
  #waiters = new Map<bigint, () => void>();
  private constructor(readonly peer: RawPeer) {}

  static async open(identity: NodeIdentity, address: string, withinMs: number, onEnvelope: (envelope: Envelope) => void): Promise<Link> {
    const peer = await dialKept(identity, address, withinMs);
    const link = new Link(peer);
    peer.onEnvelope = (envelope) => {
      const waiter = link.#waiters.get(envelope.tx);
      if (waiter !== undefined && (envelope.body.type === 'pong' || envelope.body.type === 'dataFound')) waiter();
      else onEnvelope(envelope);
    };
    peer.sendHello(identity);
    return link;
  }

  /** Sends `envelope` and waits for the answer with its tx: 'answered', 'closed' or 'silent' after `ms`. */
  async ask(envelope: Envelope, ms: number): Promise<'answered' | 'closed' | 'silent'> {
    if (this.peer.isClosed) return 'closed';
    const answered = new Promise<'answered'>((resolve) => this.#waiters.set(envelope.tx, () => resolve('answered')));
    this.peer.send(envelope);
    const timer = new AbortController();
    const outcome = await Promise.race([answered, this.peer.closed.then(() => 'closed' as const), sleep(ms, 'silent' as const, { signal: timer.signal })]);
    timer.abort();
    this.#waiters.delete(envelope.tx);
    return outcome;
  }
}

export async function fuzzNode(init: FuzzInit): Promise<FuzzReport> {
  const hangMs = init.hangMs ?? 20_000;
  const batch = init.batch ?? 200;
  const mutator = new FrameMutator(init.rng);
  const report: FuzzReport = {
    frames: 0,
    idleRssBytes: await init.target.rssBytes(),
    corrupted: 0,
    byType: new Map(),
    linksClosed: 0,
    probes: 0,
    probeFailures: 0,
    maxRssBytes: 0,
    findings: [],
  };
  let crashed = false;
  void init.target.exited.then(() => (crashed = true));
  const seenFromTarget = (envelope: Envelope) => {
    if (envelope.body.type === 'dataRequest' || envelope.body.type === 'insertRequest' || envelope.body.type === 'announce') mutator.sawTargetTx(envelope.tx);
  };
  const openFuzzer = () => Link.open(init.fuzzer, init.address, hangMs, seenFromTarget);
  let fuzzer = await openFuzzer();
  const honest = await Link.open(init.honest, init.address, hangMs, () => undefined);
  let sentSinceAnswer: string[] = [];
  let nextTx = 1n << 62n;
  let lastProbe = performance.now();
  let lastRss = 0;
  const replay = init.replay === undefined ? undefined : [...init.replay];
  const total = replay?.length ?? init.frames;

  const finding = (kind: Finding['kind'], what: string) => report.findings.push({ kind, what, frames: sentSinceAnswer });
  const send = (payload: Uint8Array) => {
    sentSinceAnswer.push(toHex(payload));
    fuzzer.peer.sendBytes(encodeFrame(payload));
    report.frames++;
  };
  /** Pings the fuzzer's link: true to go on (answered, or closed and reopened), false after a finding. */
  const settle = async (): Promise<boolean> => {
    const outcome = await fuzzer.ask({ tx: nextTx++, body: { type: 'ping' } }, hangMs);
    if (crashed || outcome === 'silent') {
      finding(crashed ? 'crash' : 'hang', crashed ? 'the target process exited' : `no Pong and no close within ${hangMs} ms`);
      return false;
    }
    if (outcome === 'closed') {
      report.linksClosed++;
      fuzzer = await openFuzzer();
    }
    sentSinceAnswer = [];
    return true;
  };

  while (report.frames < total && report.findings.length === 0) {
    if (replay !== undefined) {
      for (let i = 0; i < batch && replay.length > 0; i++) send(Uint8Array.from(Buffer.from(replay.shift()!, 'hex')));
    } else {
      for (let i = 0; i < batch && report.frames < total; i++) {
        const { type, payload } = mutator.wellFormed();
        report.byType.set(type, (report.byType.get(type) ?? 0) + 1);
        // A Hello after the handshake ends the link by the rules: it goes alone, like a corrupted frame.
        if (type === 'hello' || init.rng.next() < init.corruptShare) {
          if (type !== 'hello') report.corrupted++;
          send(type === 'hello' ? payload : mutator.corrupt(payload));
          if (!(await settle())) break;
        } else {
          send(payload);
        }
      }
    }
    if (report.findings.length > 0 || !(await settle())) break;
    if (performance.now() - lastProbe >= (init.probeEveryMs ?? 250)) {
      lastProbe = performance.now();
      report.probes++;
      // Below the maximum HTL, as a relay sends it: the target answers from its store instead of mixing it on to the fuzzer.
      const probe = { tx: nextTx++, body: { type: 'dataRequest', keyType: 'chk', routingKey: init.probeKey, htl: MAX_HTL - 1 } } as const;
      if ((await honest.ask(probe, hangMs)) !== 'answered') report.probeFailures++;
    }
    if (performance.now() - lastRss >= 1000) {
      lastRss = performance.now();
      report.maxRssBytes = Math.max(report.maxRssBytes, await init.target.rssBytes());
    }
  }
  report.maxRssBytes = Math.max(report.maxRssBytes, crashed ? 0 : await init.target.rssBytes());
  fuzzer.peer.abort();
  honest.peer.abort();
  return report;
}

export type FreshTargetInit = Pick<FuzzInit, 'frames' | 'corruptShare' | 'replay' | 'batch'> & { readonly seed: string };

/** Starts a node process holding one block, fuzzes it as `init` says, and stops it. */
export async function fuzzFreshNode(init: FreshTargetInit): Promise<FuzzReport> {
  const target = new NodeProcess();
  try {
    const { address } = await target.ask({ type: 'start' }, 'started');
    const { keys } = await target.ask({ type: 'store', count: 1 }, 'stored');
    const [fuzzer, honest] = await Promise.all([mintIdentity({ difficulty: DIFFICULTY }), mintIdentity({ difficulty: DIFFICULTY })]);
    return await fuzzNode({ ...init, target, address, fuzzer, honest, probeKey: fromHex(keys[0]!), rng: new SeededRng(init.seed) });
  } finally {
    await target.stop();
  }
}
