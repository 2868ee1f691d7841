/**
 * What bad handshakes cost a node: `npx tsx bench/handshake-cost.ts`.
 *
 * Over real TCP and Noise on loopback (spec/wire.md §10.6), against a node in a process of its
 * own (test/support/handshake-target.ts) so that its CPU time is its own. Printed:
 *
 *   CPU      the node's CPU time per connection for each kind of bad handshake (garbage bytes, an
 *            oversized frame, a frame before the Hello, a proof with too few zero bits, a proof for a
 *            different key, a stalled connection), next to one valid handshake up to the node's Pong
 *            (the same-run reference) and as a multiple of it
 *   attack   everything at once from a worker for ATTACK_MS, with stalled connections from another
 *            loopback address far beyond its handshake slots: an honest peer's fetch latency during
 *            the attack next to the same peer's before it (the reference), how many stalled
 *            connections were refused at accept and how long the others were held, against the
 *            handshake timeout
 */
import '../node/polyfills.js';
import { fromHex } from '../protocol/bytes.js';
import type { NodeIdentity } from '../protocol/identity.js';
import { mintIdentity } from '../protocol/identity-mint.js';
import { attackInWorker, badHandshakes, weakIdentity } from '../test/support/bad-handshakes.js';
import { DIFFICULTY, startNode } from '../test/support/flood-setup.js';
import { HandshakeTarget } from '../test/support/handshake-target.js';
import { rawDial } from '../test/support/tcp-raw-peer.js';
import { until } from '../test/support/until.js';
import { formatCount, median, p50p99, percentile, printRows } from './support.js';

const HANDSHAKE_TIMEOUT_MS = 1_000;
/** Connections of each kind measured, and how many run at once (below the per-address bound of 16). */
const PER_KIND = 24;
const AT_ONCE = 6;
/** Stalled connections kept open from another loopback address: far beyond its 16 pending slots. */
const STALL_LANES = 40;
const ATTACK_MS = 4_000;
const STALL_ADDRESS = '127.0.0.2';
const FETCHES = 100;

/** A valid handshake, up to the node's Pong on the verified link; the link is then dropped. */
async function validHandshake(identity: NodeIdentity, address: string): Promise<void> {
  const raw = await rawDial(identity, address);
  raw.sendHello(identity);
  raw.send({ tx: 2n, body: { type: 'ping' } });
  await until(() => raw.isClosed || raw.received.some(({ body }) => body.type === 'pong'), 'a Pong on a valid link');
  if (raw.isClosed) throw new Error('the node closed a valid link');
  raw.abort();
}

/** Runs `count` connections, `AT_ONCE` at a time; the node's CPU microseconds per connection. */
async function cpuPerConnection(target: HandshakeTarget, count: number, one: (index: number) => Promise<void>): Promise<number> {
  const before = await target.cpuMicros();
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < count) await one(next++);
    }),
  );
  // Whatever closing still costs the node is counted too.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return ((await target.cpuMicros()) - before) / count;
}

const target = new HandshakeTarget();
const honest = await startNode();
try {
  const started = await target.start(DIFFICULTY, 200, HANDSHAKE_TIMEOUT_MS);
  const { address } = started;
  const keys = started.keys.map(fromHex);
  await honest.transport.dial(address);
  await until(() => honest.node.peers.size === 1, 'the honest link');
  /** Milliseconds each fetch took; the honest node does not cache them, so each is asked of the target. */
  const fetchTime = async (key: Uint8Array): Promise<number> => {
    const startedAt = performance.now();
    await honest.node.request(key);
    return performance.now() - startedAt;
  };
  const quiet: number[] = [];
  for (const key of keys.slice(0, FETCHES)) quiet.push(await fetchTime(key));

  const valid = await Promise.all(Array.from({ length: PER_KIND }, () => mintIdentity({ difficulty: DIFFICULTY })));
  await cpuPerConnection(target, 4, () => validHandshake(valid[0]!, address)); // warm-up
  const reference = await cpuPerConnection(target, PER_KIND, (index) => validHandshake(valid[index]!, address));
  const kinds = badHandshakes(await weakIdentity(DIFFICULTY), await mintIdentity({ difficulty: DIFFICULTY }));
  const costs: Array<[string, number]> = [];
  for (const [name, kind] of Object.entries(kinds)) costs.push([name, await cpuPerConnection(target, PER_KIND, () => kind(address))]);

  await target.watch();
  let attackOver = false;
  const attack = attackInWorker({ address, difficulty: DIFFICULTY, ms: ATTACK_MS, lanes: AT_ONCE, stallLanes: STALL_LANES, stallAddress: STALL_ADDRESS });
  const attackDone = attack.finally(() => (attackOver = true));
  const attacked: number[] = [];
  for (let i = 0; !attackOver; i++) attacked.push(await fetchTime(keys[i % keys.length]!));
  const { handshakes, stalls } = await attackDone;
  const after = await target.state();

  const ms = (micros: number) => `${(micros / 1000).toFixed(2)} ms`;
  printRows(`Node CPU per connection, ${PER_KIND} of each kind, ${AT_ONCE} at once`, [
    ['valid handshake', ms(reference), 'up to the Pong (reference)'],
    ...costs.map(([name, cost]): [string, string, string] => [name, ms(cost), `${(cost / reference).toFixed(2)}× a valid handshake`]),
  ]);
  const held = stalls.map(({ openedAt, closedAt }) => closedAt - openedAt).filter((heldMs) => heldMs >= 0.9 * HANDSHAKE_TIMEOUT_MS);
  printRows(`Attack for ${ATTACK_MS / 1000} s: every kind in ${AT_ONCE} loops, stalled connections in ${STALL_LANES} loops from ${STALL_ADDRESS}`, [
    ['honest fetches, before', p50p99(quiet), `p50 / p99 of ${quiet.length} (reference)`],
    [
      'honest fetches, during',
      p50p99(attacked),
      `p50 / p99 of ${attacked.length}, max ${Math.max(...attacked).toFixed(0)} ms, ` +
        `median ${(median(attacked) / median(quiet)).toFixed(2)}× the reference`,
    ],
    ['bad handshakes', formatCount(handshakes), 'each closed by the node'],
    ['stalled connections', formatCount(stalls.length), `${formatCount(stalls.length - held.length)} refused at accept`],
    [
      'held until the timeout',
      formatCount(held.length),
      held.length === 0 ? '' : `held p50 ${percentile(held, 0.5).toFixed(0)} ms, max ${Math.max(...held).toFixed(0)} ms (timeout ${HANDSHAKE_TIMEOUT_MS} ms)`,
    ],
    ['handshakes in progress', formatCount(after.mostPendingHandshakes), 'at most, at once'],
  ]);
} finally {
  await honest.node.stop();
  await target.stop();
}
