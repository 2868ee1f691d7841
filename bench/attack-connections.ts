/**
 * Connection attacks for bench/attacks.ts, each printed next to the honest figure of the same run:
 * an honest node linked to a target fetches its blocks at a steady rate (test/support/flood-setup.ts
 * fetchAtRate) for 5 s unattacked (the reference), through the attack, and for 10 s after it in
 * 1 s windows (when is it back at ≥ 95 %?). Figures are medians of 3 rounds, each a fresh target.
 *
 *   handshakes  16 silent connections from each of two loopback /24s (127.0.1.1, 127.0.2.1), each
 *               reopened as soon as the target closes it: the handshake hold (spec/wire.md §10.6)
 *   connects    128 from each: a connection flood, beyond each range's accept budget closed at accept,
 *               within it every new connection evicting another
 *   offers      a hostile data source follows each DataFound with a PeerOffer listing a third
 *               party's address and private ones (spec/routing.md §9.8), while a user's fetches
 *               pass through the target to it (the target takes every fold)
 *
 * For handshakes and connects the target runs in its own process (test/support/handshake-target.ts)
 * and the attackers in worker threads (test/support/bad-handshakes.ts) at the lowest CPU priority,
 * so that they take no CPU the target needs, as attackers on other machines would not; a newcomer
 * from a third /24 (127.0.0.1) dials the target during the attack. For offers everything runs here, so that the
 * target's dials can be counted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex } from '../protocol/bytes.js';
import { randomBytes } from '../protocol/crypto.js';
import { CHK_BLOCK_BYTES, CHK_MAX_CONTENT_BYTES, encodeChk } from '../protocol/keys/chk.js';
import { TCP_TRANSPORT_DEFAULTS } from '../node/net/config.js';
import { resolveOfferDials } from '../node/opennet-offers.js';
import type { Node } from '../node/node.js';
import { attackInWorker } from '../test/support/bad-handshakes.js';
import { DIFFICULTY, type FetchReport, fetchAtRate, startNode } from '../test/support/flood-setup.js';
import { HandshakeTarget } from '../test/support/handshake-target.js';
import { hostileSource, offeredNode, spyOnDials, thirdParty } from '../test/support/offer-attack.js';
import { until } from '../test/support/until.js';
import { formatCount, median, printRows } from './support.js';

const ROUNDS = 3;
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
const SHARE = TCP_TRANSPORT_DEFAULTS.maxPendingHandshakesPerRange;

export type ConnectionAttack = keyof typeof LANES;

type Row = [string, string, string?];

/** What the honest node fetched in one round: before, during and after the attack. */
interface Honest {
  readonly unattacked: FetchReport;
  readonly during: FetchReport;
  readonly after: readonly FetchReport[];
}

/** One round: the honest figures, and the attack's own, as text. */
interface Round {
  readonly honest: Honest;
  readonly notes: Readonly<Record<string, string>>;
}

const mbps = (report: FetchReport): number => (report.perSecond * CHK_BLOCK_BYTES) / 1e6;
const load = (windowMs: number) => ({ ...HONEST, windowMs });

/** Fetches unattacked (after a warm-up), runs `attack` while fetching for `ATTACK_MS`, then fetches in 1 s windows. */
async function measure(node: Node, keys: readonly Uint8Array[], attack: () => Promise<() => Promise<void>>): Promise<Honest> {
  await fetchAtRate([node], keys, load(WINDOW_MS));
  const unattacked = await fetchAtRate([node], keys, load(UNATTACKED_MS));
  const stop = await attack();
  const during = await fetchAtRate([node], keys, load(ATTACK_MS));
  await stop();
  const after: FetchReport[] = [];
  for (let window = 0; window < AFTER_WINDOWS; window++) after.push(await fetchAtRate([node], keys, load(WINDOW_MS)));
  return { unattacked, during, after };
}

function print(title: string, rounds: readonly Round[]): void {
  const ratios = (pick: (honest: Honest) => number) => median(rounds.map(({ honest }) => pick(honest) / mbps(honest.unattacked)));
  const reference = median(rounds.map(({ honest }) => mbps(honest.unattacked)));
  const afterMean = (honest: Honest) => honest.after.reduce((sum, report) => sum + mbps(report), 0) / honest.after.length;
  const during = ratios((honest) => mbps(honest.during));
  const after = ratios(afterMean);
  const windows = Array.from({ length: AFTER_WINDOWS }, (_, index) => ratios((honest) => mbps(honest.after[index]!)));
  const back = rounds.map(({ honest }) => {
    const index = honest.after.findIndex((report) => mbps(report) >= RECOVERED * mbps(honest.unattacked));
    return index < 0 ? 'not within 10 s' : `${index + 1} s`;
  });
  const failed = rounds.map(({ honest }) => [honest.unattacked, honest.during, ...honest.after].reduce((sum, report) => sum + report.failed, 0));
  const rows: Row[] = [
    ['honest, unattacked', `${reference.toFixed(1)} MB/s`, '(reference)'],
    ['honest, during the attack', `${(during * reference).toFixed(1)} MB/s`, `ratio ${during.toFixed(2)}`],
    [
      `honest, ${(AFTER_WINDOWS * WINDOW_MS) / 1000} s after it`,
      `${(after * reference).toFixed(1)} MB/s`,
      `ratio ${after.toFixed(2)}; each 1 s window ${windows.map((ratio) => ratio.toFixed(2)).join(' ')}`,
    ],
    [`back to ≥ ${RECOVERED * 100} % within`, back.join(' / '), 'of the stop (first 1 s window), each round'],
    ['honest fetches failed', failed.join(' / '), 'each round'],
    ...Object.keys(rounds[0]!.notes).map((label): Row => [label, rounds.map(({ notes }) => notes[label]!).join(' / '), 'each round']),
  ];
  printRows(`${title}; medians of ${rounds.length} rounds`, rows);
}

/** Silent connections from two ranges against a target in its own process. */
async function connectionRound(kind: ConnectionAttack): Promise<Round> {
  const target = new HandshakeTarget();
  const honestNode = await startNode();
  const newcomer = await startNode();
  try {
    const started = await target.start(DIFFICULTY, BLOCKS, TCP_TRANSPORT_DEFAULTS.handshakeTimeoutMs);
    await honestNode.transport.dial(started.address);
    await until(() => honestNode.node.peers.size === 1, 'the honest link');
    let joined: Promise<string> = Promise.resolve('');
    let stalls: Array<{ openedAt: number; closedAt: number }> = [];
    const honest = await measure(honestNode.node, started.keys.map(fromHex), async () => {
      await target.watch();
      const plan = { address: started.address, difficulty: DIFFICULTY, ms: ATTACK_MS + WORKER_SLACK_MS, lanes: 0, stallLanes: LANES[kind], nice: 19 };
      const attacks = ATTACK_SOURCES.map((stallAddress) => attackInWorker({ ...plan, stallAddress }));
      // The attack is on once both ranges hold their share; the workers' boot is neither phase.
      while ((await target.state()).mostPendingHandshakes < 2 * SHARE) await sleep(50);
      const dialledAt = performance.now();
      // Gone once linked: a second peer of the target would change how the honest fetches are routed.
      joined = newcomer.transport.dial(started.address).then(
        async () => {
          const linkedIn = `${(performance.now() - dialledAt).toFixed(0)} ms`;
          await newcomer.node.stop();
          return linkedIn;
        },
        (error: Error) => `no (${error.message})`,
      );
      return async () => {
        stalls = (await Promise.all(attacks)).flatMap((report) => report.stalls);
      };
    });
    const state = await target.state();
    const evicted = state.refusedAccepts.filter((code) => code === 'ERR_HANDSHAKE_LIMIT').length;
    return {
      honest,
      notes: {
        'newcomer from 127.0.0.0/24 linked in': await joined,
        'attack connections closed': formatCount(stalls.length),
        '… closed at accept (range over its budget)': formatCount(state.closedAtAccept),
        '… evicted for newer ones': formatCount(evicted),
        '… median time held': `${median(stalls.map(({ openedAt, closedAt }) => closedAt - openedAt)).toFixed(0)} ms`,
        'handshakes in progress, at most': String(state.mostPendingHandshakes),
      },
    };
  } finally {
    await newcomer.node.stop();
    await honestNode.node.stop();
    await target.stop();
  }
}

export async function connectionAttack(kind: ConnectionAttack): Promise<void> {
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await connectionRound(kind));
  print(
    `${kind}: ${LANES[kind]} silent connections from each of ${ATTACK_SOURCES.join(' and ')}, each reopened as soon as the target closes it, ` +
      `for ${ATTACK_MS / 1000} s (share ${SHARE} a range, ${TCP_TRANSPORT_DEFAULTS.maxPendingHandshakes} in all, timeout ` +
      `${TCP_TRANSPORT_DEFAULTS.handshakeTimeoutMs / 1000} s); an honest node fetching ${CHK_BLOCK_BYTES / 1024} KiB blocks, ` +
      `${HONEST.perSecond}/s at most, ${HONEST.maxInFlight} at a time`,
    rounds,
  );
}

/** Blocks the target's user fetches from the hostile source a second, each followed by an offer. */
const OFFERS_PER_SECOND = 100;
const FORBIDDEN = [
  '/ip4/10.0.0.1/tcp/22',
  '/ip4/192.168.1.1/tcp/80',
  '/ip4/169.254.169.254/tcp/80',
  '/dns4/localhost/tcp/22',
  '/ip6/::1/tcp/22',
  '/ip4/0.0.0.0/tcp/1',
];

/** A hostile data source's PeerOffers while an honest node fetches through the target. */
async function offerRound(): Promise<Round> {
  // The target relays the user's requests and takes every fold (the originator takes none, spec/routing.md §9.4).
  // Both verify offered NodeRefs at the difficulty the offers prove (the target passes each on to its user).
  const target = await startNode({ powDifficulty: DIFFICULTY, foldTakeProbability: 1, foldResetProbability: 0 });
  const honestNode = await startNode({ powDifficulty: DIFFICULTY });
  const victim = await thirdParty('127.0.1.1');
  // Listeners in the hostile link's own /24, where offered addresses may be dialled: what the budget lets through.
  const local = await Promise.all(Array.from({ length: 16 }, () => thirdParty('127.0.0.1')));
  try {
    const stored = Array.from({ length: BLOCKS }, () => encodeChk(randomBytes(CHK_MAX_CONTENT_BYTES)));
    for (const { routingKey, block } of stored) await target.store.put(routingKey, block, { partition: 'store' });
    await honestNode.transport.dial(target.transport.addresses[0]!);
    await until(() => honestNode.node.peers.size === 1, 'the honest link');
    const pool = await Promise.all(local.map((party) => offeredNode(DIFFICULTY, [victim.address, party.address, ...FORBIDDEN])));
    // Each block once: a block fetched is kept, and a fetch answered locally brings no offer.
    const served = Array.from({ length: (OFFERS_PER_SECOND * ATTACK_MS) / 1000 + 100 }, () => encodeChk(randomBytes(64)));
    const dialled = spyOnDials(target.transport);
    // Linked throughout, so that the honest fetches are routed alike in every phase: only its offers make the attack.
    const source = await hostileSource(target.transport.addresses[0]!, DIFFICULTY, served, (index) => pool[index % pool.length]!);
    await until(() => target.node.peers.size === 2, 'the hostile link');
    let fetched = 0;
    let linkedAtEnd = false;
    const honest = await measure(
      honestNode.node,
      stored.map(({ routingKey }) => routingKey),
      async () => {
        const user = (async () => {
          for (const startedAt = performance.now(); performance.now() - startedAt < ATTACK_MS; await sleep(1000 / OFFERS_PER_SECOND)) {
            await honestNode.node.request(served[fetched++]!.routingKey).catch(() => undefined);
          }
        })();
        return async () => {
          await user;
          linkedAtEnd = target.node.peers.size === 2;
        };
      },
    );
    source.raw.abort();
    const toLocal = dialled.filter((address) => local.some((party) => party.address === address)).length;
    return {
      honest,
      notes: {
        'offers sent': formatCount(source.offersSent()),
        "target dials, in the link's /24": String(toLocal),
        'target dials, elsewhere': String(dialled.length - toLocal),
        'third party reached': formatCount(victim.connections()),
        'hostile source still linked (throttled, not dropped)': linkedAtEnd ? 'yes' : 'no',
      },
    };
  } finally {
    await honestNode.node.stop();
    await target.node.stop();
    await Promise.all([victim, ...local].map((party) => party.close()));
  }
}

export async function offerAttack(): Promise<void> {
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await offerRound());
  const budget = resolveOfferDials({});
  print(
    `offers: a hostile data source offers, after each of ${OFFERS_PER_SECOND} blocks a second a user fetches from it through the target for ` +
      `${ATTACK_MS / 1000} s, a node listing a third party (127.0.1.1), an address in its own /24 and ${FORBIDDEN.length} private, ` +
      `link-local, named and unspecified ones (budget ${budget.offerDialsPerPeerPerMinute} dials a minute from one peer, ` +
      `${budget.offerDialsPerMinute} in all); an honest node fetching from the target`,
    rounds,
  );
}
