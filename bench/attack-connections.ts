/**
 * Connection attacks for bench/attacks.ts, each printed next to the honest figure of the same run:
 * an honest node linked to a target fetches its blocks at a steady rate (test/support/flood-setup.ts
 * fetchAtRate) for 5 s unattacked (the reference), through the attack, and for 10 s after it, in
 * 1 s windows (when is it back at ≥ 95 %?).
 *
 *   handshakes  16 silent connections from each of two loopback /24s (127.0.1.1, 127.0.2.1), each
 *               reopened as soon as the target closes it: the handshake hold (spec/wire.md §10.6)
 *   connects    128 from each: a connection flood, every new connection evicting another
 *   offers      a hostile data source follows each DataFound with a PeerOffer listing a third
 *               party's address and private ones (spec/routing.md §9.8), while the target's own
 *               user fetches from it
 *
 * For handshakes and connects the target runs in its own process (test/support/handshake-target.ts)
 * and the attackers in worker threads (test/support/bad-handshakes.ts); a newcomer from a third /24
 * (127.0.0.1) dials the target during the attack. For offers everything runs here, so that the
 * target's dials can be counted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex } from '../protocol/bytes.js';
import { randomBytes } from '../protocol/crypto.js';
import { CHK_BLOCK_BYTES, CHK_MAX_CONTENT_BYTES, encodeChk } from '../protocol/keys/chk.js';
import { TCP_TRANSPORT_DEFAULTS } from '../node/net/config.js';
import { resolveOfferDials } from '../node/opennet-offers.js';
import type { Node } from '../node/node.js';
import { type AttackReport, attackInWorker } from '../test/support/bad-handshakes.js';
import { DIFFICULTY, type FetchReport, fetchAtRate, startNode } from '../test/support/flood-setup.js';
import { HandshakeTarget } from '../test/support/handshake-target.js';
import { hostileSource, offeredNode, spyOnDials, thirdParty } from '../test/support/offer-attack.js';
import { until } from '../test/support/until.js';
import { formatCount, median, printRows } from './support.js';

const BLOCKS = 64;
/** The honest load: 400 fetches a second at most (≈ 13 MB/s), 16 at a time. */
const HONEST = { perSecond: 400, maxInFlight: 16 };
const UNATTACKED_MS = 5_000;
const ATTACK_MS = 10_000;
const AFTER_WINDOWS = 10;
const WINDOW_MS = 1_000;
const RECOVERED = 0.95;
/** Time a worker takes to boot before its attack begins; its attack lasts this much beyond the measured window. */
const WORKER_SLACK_MS = 5_000;
const ATTACK_SOURCES = ['127.0.1.1', '127.0.2.1'];
const LANES = { handshakes: 16, connects: 128 } as const;

export type ConnectionAttack = keyof typeof LANES;

const mbps = (report: FetchReport): number => (report.perSecond * CHK_BLOCK_BYTES) / 1e6;

interface Honest {
  readonly unattacked: FetchReport;
  during: FetchReport | undefined;
  readonly after: FetchReport[];
}

/** The honest node's windows after the attack: each ratio, and when the first was back at ≥ 95 %. */
async function afterAttack(nodes: readonly Node[], keys: readonly Uint8Array[], honest: Honest): Promise<void> {
  for (let window = 0; window < AFTER_WINDOWS; window++) honest.after.push(await fetchAtRate(nodes, keys, { ...HONEST, windowMs: WINDOW_MS }));
}

function honestRows(honest: Honest): Array<[string, string, string?]> {
  const reference = mbps(honest.unattacked);
  const after = honest.after.map(mbps);
  const afterMean = after.reduce((sum, value) => sum + value, 0) / Math.max(1, after.length);
  const back = after.findIndex((value) => value >= RECOVERED * reference);
  const failed = [honest.unattacked, honest.during!, ...honest.after].map((report) => report.failed);
  const ratio = (value: number) => `ratio ${(value / reference).toFixed(2)}`;
  return [
    ['honest, unattacked', `${reference.toFixed(1)} MB/s`, '(reference)'],
    ['honest, during the attack', `${mbps(honest.during!).toFixed(1)} MB/s`, ratio(mbps(honest.during!))],
    [
      `honest, ${(AFTER_WINDOWS * WINDOW_MS) / 1000} s after it`,
      `${afterMean.toFixed(1)} MB/s`,
      `${ratio(afterMean)}; 1 s windows ${after.map((v) => (v / reference).toFixed(2)).join(' ')}`,
    ],
    [`back to ≥ ${RECOVERED * 100} %`, back < 0 ? 'not within 10 s' : `window ${back + 1}`, `(within ${((back + 1) * WINDOW_MS) / 1000} s of the stop)`],
    ['honest fetches failed', failed.join(' / '), 'unattacked / during / each window after'],
  ];
}

/** Silent connections from two ranges against a target in its own process. */
export async function connectionAttack(kind: ConnectionAttack): Promise<void> {
  const target = new HandshakeTarget();
  const started = await target.start(DIFFICULTY, BLOCKS, TCP_TRANSPORT_DEFAULTS.handshakeTimeoutMs);
  const honestNode = await startNode();
  const newcomer = await startNode();
  try {
    const keys = started.keys.map(fromHex);
    await honestNode.transport.dial(started.address);
    await until(() => honestNode.node.peers.size === 1, 'the honest link');
    await fetchAtRate([honestNode.node], keys, { ...HONEST, windowMs: WINDOW_MS });
    const honest: Honest = { unattacked: await fetchAtRate([honestNode.node], keys, { ...HONEST, windowMs: UNATTACKED_MS }), during: undefined, after: [] };
    await target.watch();
    const lanes = LANES[kind];
    const plan = { address: started.address, difficulty: DIFFICULTY, ms: ATTACK_MS + WORKER_SLACK_MS, lanes: 0, stallLanes: lanes };
    const attacks = ATTACK_SOURCES.map((stallAddress) => attackInWorker({ ...plan, stallAddress }));
    // The attack is on once both ranges hold their share; the workers' boot is neither phase.
    const share = TCP_TRANSPORT_DEFAULTS.maxPendingHandshakesPerRange;
    while ((await target.state()).mostPendingHandshakes < 2 * share) await sleep(50);
    const joinedAt = performance.now();
    const joined = newcomer.transport.dial(started.address).then(
      () => `linked in ${(performance.now() - joinedAt).toFixed(0)} ms`,
      (error: Error) => `not linked: ${error.message}`,
    );
    honest.during = await fetchAtRate([honestNode.node], keys, { ...HONEST, windowMs: ATTACK_MS });
    const reports: AttackReport[] = await Promise.all(attacks);
    await afterAttack([honestNode.node], keys, honest);
    const state = await target.state();
    const stalls = reports.flatMap((report) => report.stalls);
    const evicted = state.refusedAccepts.filter((code) => code === 'ERR_HANDSHAKE_LIMIT').length;
    printRows(
      `${kind}: ${lanes} silent connections from each of ${ATTACK_SOURCES.join(' and ')}, each reopened as soon as closed, ` +
        `for ${ATTACK_MS / 1000} s; an honest node fetching ${CHK_BLOCK_BYTES / 1024} KiB blocks, ${HONEST.perSecond}/s at most, ${HONEST.maxInFlight} at a time`,
      [
        ...honestRows(honest),
        ['newcomer from 127.0.0.0/24', await joined, 'dialled once the attack held both ranges’ shares'],
        [
          'attacker',
          `${formatCount(stalls.length)} connections closed`,
          `by the target: ${formatCount(evicted)} evicted for newer ones, the rest timed out; median held ` +
            `${median(stalls.map(({ openedAt, closedAt }) => closedAt - openedAt)).toFixed(0)} ms; ` +
            `at most ${state.mostPendingHandshakes} handshakes in progress (share ${share} a range, ${TCP_TRANSPORT_DEFAULTS.maxPendingHandshakes} in all)`,
        ],
      ],
    );
  } finally {
    await newcomer.node.stop();
    await honestNode.node.stop();
    await target.stop();
  }
}

/** Offers a hostile data source makes while the target's user fetches from it, one per request. */
const OFFERS_PER_SECOND = 100;
const FORBIDDEN = [
  '/ip4/10.0.0.1/tcp/22',
  '/ip4/192.168.1.1/tcp/80',
  '/ip4/169.254.169.254/tcp/80',
  '/dns4/localhost/tcp/22',
  '/ip6/::1/tcp/22',
  '/ip4/0.0.0.0/tcp/1',
];

/** A hostile data source's PeerOffers, listing a third party and private addresses, while an honest node fetches through the target. */
export async function offerAttack(): Promise<void> {
  const target = await startNode({ powDifficulty: DIFFICULTY });
  const honestNode = await startNode();
  const victim = await thirdParty('127.0.1.1');
  // Listeners in the hostile link's own /24, where offered addresses may be dialled: what the budget lets through.
  const local = await Promise.all(Array.from({ length: 16 }, () => thirdParty('127.0.0.1')));
  try {
    const stored = Array.from({ length: BLOCKS }, () => encodeChk(randomBytes(CHK_MAX_CONTENT_BYTES)));
    for (const { routingKey, block } of stored) await target.store.put(routingKey, block, { partition: 'store' });
    const keys = stored.map(({ routingKey }) => routingKey);
    await honestNode.transport.dial(target.transport.addresses[0]!);
    await until(() => honestNode.node.peers.size === 1, 'the honest link');
    await fetchAtRate([honestNode.node], keys, { ...HONEST, windowMs: WINDOW_MS });
    const honest: Honest = { unattacked: await fetchAtRate([honestNode.node], keys, { ...HONEST, windowMs: UNATTACKED_MS }), during: undefined, after: [] };

    const pool = await Promise.all(local.map((party) => offeredNode(DIFFICULTY, [victim.address, party.address, ...FORBIDDEN])));
    const served = Array.from({ length: (OFFERS_PER_SECOND * ATTACK_MS) / 1000 + 100 }, () => encodeChk(randomBytes(64)));
    const dialled = spyOnDials(target.transport);
    const source = await hostileSource(target.transport.addresses[0]!, DIFFICULTY, served, (index) => pool[index % pool.length]!);
    await until(() => target.node.peers.size === 2, 'the hostile link');
    // The target's own user fetches from the hostile source, each block once (a fetched block is kept).
    let next = 0;
    const user = (async () => {
      for (const startedAt = performance.now(); performance.now() - startedAt < ATTACK_MS; ) {
        await target.node.request(served[next++]!.routingKey).catch(() => undefined);
        await sleep(1000 / OFFERS_PER_SECOND);
      }
    })();
    honest.during = await fetchAtRate([honestNode.node], keys, { ...HONEST, windowMs: ATTACK_MS });
    await user;
    await afterAttack([honestNode.node], keys, honest);
    const budget = resolveOfferDials({});
    const toLocal = dialled.filter((address) => local.some((party) => party.address === address)).length;
    printRows(
      `offers: a hostile data source offers a node listing a third party (${victim.address}), its own /24 and ${FORBIDDEN.length} private, ` +
        `loopback, link-local, named and unspecified addresses after each of ${OFFERS_PER_SECOND}/s blocks the target's user fetches, for ${ATTACK_MS / 1000} s`,
      [
        ...honestRows(honest),
        ['offers sent', formatCount(source.offersSent()), `${formatCount(next)} blocks the target fetched from the source`],
        [
          'target dials',
          formatCount(dialled.length),
          `${toLocal} within the offering link's /24 (budget ${budget.offerDialsPerPeerPerMinute} a minute from one peer, ` +
            `${budget.offerDialsPerMinute} in all), ${dialled.length - toLocal} elsewhere`,
        ],
        [
          'third party reached',
          formatCount(victim.connections()),
          `private and other forbidden addresses dialled: ${dialled.filter((a) => FORBIDDEN.includes(a)).length}`,
        ],
        ['attacker', target.node.peers.size === 2 ? 'still linked, throttled' : 'disconnected', 'an offer is not misbehaviour: its dials are budgeted'],
      ],
    );
    source.raw.abort();
  } finally {
    await honestNode.node.stop();
    await target.node.stop();
    await Promise.all([victim, ...local].map((party) => party.close()));
  }
}
