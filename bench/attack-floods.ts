/**
 * Floods from one hostile peer (test/support/attack-peer.ts), for bench/attacks.ts: a target node
 * in its own process holds blocks; an honest node whose only peer is the target fetches them
 * without pause; the attacker floods the target for `ATTACK_MS`, then stops. Printed per flood, as
 * medians over rounds: the honest throughput unattacked (the reference), during the attack and in
 * the `AFTER_MS` after it (each with its ratio), how soon after the attack a one-second window is
 * back at ≥ 95 % of the reference, the honest fetches that failed, how long the honest node had the
 * target backed off when the attack stopped, and what the target did to the attacker.
 *
 *   requests  DataRequests for random keys at 8,000/s (beyond the per-peer token bucket)
 *   inserts   InsertRequests at 290/s (within the token bucket) whose block never follows
 *
 * The attacker leaves what the target routes to it unanswered, as a real one would; `answering`
 * has it answer DataRequests with RouteNotFound, which measures the flood alone.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Node } from '../node/node.js';
import { fromHex } from '../protocol/bytes.js';
import { CHK_BLOCK_BYTES } from '../protocol/keys/chk.js';
import { type AttackCounts, type AttackPeerData, startAttackPeer } from '../test/support/attack-peer.js';
import { DIFFICULTY, startNode } from '../test/support/flood-setup.js';
import { NodeProcess } from '../test/support/node-process.js';
import { eventually } from '../test/support/until.js';
import { formatCount, median, printRows } from './support.js';

export type FloodKind = AttackPeerData['kind'];

const RATES: Readonly<Record<FloodKind, number>> = { requests: 8_000, inserts: 290 };
const BLOCKS = 64;
/** Honest fetches outstanding at once, and started per second at most (≈ 13 MB/s, within the target's token bucket of 1,000/s). */
const LANES = 16;
const HONEST_PER_SECOND = 400;
const WARMUP_MS = 3_000;
const UNATTACKED_MS = 5_000;
const ATTACK_MS = 12_000;
const AFTER_MS = 10_000;
/** Width and step of the windows that find when throughput is back. */
const WINDOW_MS = 1_000;
const STEP_MS = 100;
const RECOVERED = 0.95;
/** What a lane waits after a failed fetch. */
const FAILURE_PAUSE_MS = 10;

interface Round {
  readonly unattacked: number;
  readonly during: number;
  readonly after: number;
  /** Milliseconds from the attack's end to the first window back at RECOVERED; undefined if none within AFTER_MS. */
  readonly recoveryMs: number | undefined;
  readonly failures: Map<string, number>;
  readonly backoffAtStopMs: number;
  readonly attacker: AttackCounts;
}

/** An honest node fetching `keys` in `LANES` lanes at `HONEST_PER_SECOND` until stopped: the time and size of every block it got. */
function fetchContinuously(node: Node, keys: readonly Uint8Array[]) {
  const done: Array<readonly [at: number, bytes: number]> = [];
  const failures = new Map<string, number>();
  let stopping = false;
  let next = 0;
  let nextStartAt = performance.now();
  const lane = async (): Promise<void> => {
    while (!stopping) {
      // Fetches start 1 / HONEST_PER_SECOND s apart at the most, and a lane that fell behind does not catch up in a burst.
      const startAt = Math.max(nextStartAt, performance.now());
      nextStartAt = startAt + 1000 / HONEST_PER_SECOND;
      await sleep(startAt - performance.now());
      const key = keys[next++ % keys.length]!;
      const failed = await node.request(key).then(
        (block) => void done.push([performance.now(), block.length]),
        (error: Error & { code?: string }) => error.code ?? error.name,
      );
      if (failed === undefined) continue;
      failures.set(failed, (failures.get(failed) ?? 0) + 1);
      // A fetch that fails at once must not starve the event loop: the lane waits before the next.
      await sleep(FAILURE_PAUSE_MS);
    }
  };
  const lanes = Promise.all(Array.from({ length: LANES }, lane));
  return {
    /** Megabytes per second received in [from, to). */
    rate(from: number, to: number): number {
      const bytes = done.reduce((sum, [at, size]) => (at >= from && at < to ? sum + size : sum), 0);
      return bytes / 1e6 / ((to - from) / 1000);
    },
    failures,
    async stop(): Promise<void> {
      stopping = true;
      await lanes;
    },
  };
}

async function round(kind: FloodKind, answering: boolean): Promise<Round> {
  const target = new NodeProcess();
  const honest = await startNode();
  try {
    const { address } = await target.ask({ type: 'start' }, 'started');
    const keys = (await target.ask({ type: 'store', count: BLOCKS }, 'stored')).keys.map(fromHex);
    // Linked once a fetch through the link succeeds (on a loaded machine a first link may not last).
    await eventually('a fetch through the honest link', async () => {
      if (honest.node.peers.size === 0) await honest.transport.dial(address);
      return (await honest.node.request(keys[0]!)).length > 0 ? true : undefined;
    });
    const [targetPeer] = honest.node.peers;
    const fetching = fetchContinuously(honest.node, keys);
    await sleep(WARMUP_MS);
    const quietFrom = performance.now();
    await sleep(UNATTACKED_MS);
    const quietTo = performance.now();
    const attacker = await startAttackPeer({ address, difficulty: DIFFICULTY, kind, perSecond: RATES[kind], answering });
    // The attack runs from its first message: the worker's start (tsx, an identity) is neither phase.
    const attackFrom = performance.now();
    const failedBefore = new Map(fetching.failures);
    await sleep(ATTACK_MS);
    const counts = await attacker.stop();
    const stoppedAt = performance.now();
    const backoffAtStopMs = Math.max(0, targetPeer!.backoffUntil - stoppedAt);
    await sleep(AFTER_MS);
    await fetching.stop();
    const unattacked = fetching.rate(quietFrom, quietTo);
    let recoveryMs: number | undefined;
    for (let at = 0; at + WINDOW_MS <= AFTER_MS && recoveryMs === undefined; at += STEP_MS)
      if (fetching.rate(stoppedAt + at, stoppedAt + at + WINDOW_MS) >= RECOVERED * unattacked) recoveryMs = at;
    const failures = new Map([...fetching.failures].map(([code, count]) => [code, count - (failedBefore.get(code) ?? 0)] as const));
    return {
      unattacked,
      during: fetching.rate(attackFrom, stoppedAt),
      after: fetching.rate(stoppedAt, stoppedAt + AFTER_MS),
      recoveryMs,
      failures: new Map([...failures].filter(([, count]) => count > 0)),
      backoffAtStopMs,
      attacker: counts,
    };
  } finally {
    await honest.node.stop();
    await target.stop();
  }
}

const mbps = (value: number): string => `${value.toFixed(1)} MB/s`;
const ratio = (value: number, reference: number): string => (reference > 0 ? (value / reference).toFixed(2) : '–');
const seconds = (ms: number | undefined): string => (ms === undefined ? `not within ${AFTER_MS / 1000} s` : `+${(ms / 1000).toFixed(1)} s`);

/** One round's figures on one line. */
function roundRow(round: Round, index: number): readonly [string, string, string] {
  const { attacker } = round;
  const failures = [...round.failures].map(([code, count]) => `${count} ${code}`).join(', ') || 'none';
  return [
    `round ${index + 1}`,
    `${mbps(round.unattacked)} → ${mbps(round.during)} → ${mbps(round.after)}`,
    `ratios ${ratio(round.during, round.unattacked)} / ${ratio(round.after, round.unattacked)}, back at ${seconds(round.recoveryMs)}, ` +
      `honest failures: ${failures}; attacker: ${formatCount(attacker.sent)} sent, ${formatCount(attacker.rejectedOverload)} RejectedOverload, ` +
      `${formatCount(attacker.accepted)} accepted, disconnected ${attacker.disconnections} times`,
  ];
}

/** Runs `rounds` rounds of one flood and prints each, then the medians. */
export async function floodAttack(kind: FloodKind, rounds = 3, answering = false): Promise<void> {
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) results.push(await round(kind, answering));
  const mid = (pick: (round: Round) => number): number => median(results.map(pick));
  const unattacked = mid((round) => round.unattacked);
  const during = mid((round) => round.during);
  const after = mid((round) => round.after);
  const recoveries = results.map((round) => round.recoveryMs ?? Infinity);
  const attacker = (pick: (counts: AttackCounts) => number): string => formatCount(mid((round) => pick(round.attacker)));
  printRows(
    `${kind} flood at ${formatCount(RATES[kind])}/s for ${ATTACK_MS / 1000} s from a peer that ${answering ? 'answers' : 'black-holes'} ` +
      `what is routed to it: an honest node (its only peer the target) fetching ` +
      `${CHK_BLOCK_BYTES / 1024} KiB blocks, ${HONEST_PER_SECOND}/s at most, ${LANES} at a time; unattacked → during → ${AFTER_MS / 1000} s after`,
    [
      ...results.map(roundRow),
      ['median, unattacked', mbps(unattacked), '(reference)'],
      ['median, during the attack', mbps(during), `ratio ${ratio(during, unattacked)}`],
      [`median, ${AFTER_MS / 1000} s after it`, mbps(after), `ratio ${ratio(after, unattacked)}`],
      [
        `back to ≥ ${RECOVERED * 100} % (1 s window)`,
        seconds(Number.isFinite(median(recoveries)) ? median(recoveries) : undefined),
        'after the attack stopped',
      ],
      ['target backed off at the stop', `${(mid((round) => round.backoffAtStopMs) / 1000).toFixed(1)} s`, 'by the honest node'],
      [
        'attacker',
        `${attacker((counts) => counts.sent)} sent`,
        `${attacker((counts) => counts.rejectedOverload)} RejectedOverload, ${attacker((counts) => counts.accepted)} taken on (Request/InsertAccepted), ` +
          `${attacker((counts) => counts.otherReplies)} other answers, disconnected ${attacker((counts) => counts.disconnections)} times`,
      ],
    ],
  );
}
