/**
 * What bad handshakes cost a node, over real TCP and Noise on loopback (spec/wire.md §10.6): the
 * node (tcp-handshake-target.ts) runs in a process of its own, so its CPU time is its own, and this
 * process attacks it — garbage bytes, an oversized frame, a frame before the Hello, a proof with
 * too few zero bits, a proof for a different key, connections that stall — while an honest peer
 * linked to it keeps fetching blocks. The CPU a bad handshake costs is held against one valid
 * handshake measured in the same run.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex } from '../../protocol/bytes.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import { attackInWorker, badHandshakes, weakIdentity } from './tcp-bad-handshakes.js';
import { DIFFICULTY, type RealNode, startNode, until } from '../support/flood-setup.js';
import { rawDial } from '../support/tcp-raw-peer.js';
import type { TargetReply, TargetRequest, TargetState } from './tcp-handshake-target.js';

const HANDSHAKE_TIMEOUT_MS = 1_000;
/** Connections of each kind measured, and how many run at once (below the per-address bound of 16). */
const PER_KIND = 24;
const AT_ONCE = 6;
/** Stalled connections kept open from another loopback address: far beyond its 16 pending slots. */
const STALL_FLOOD = 40;
/** How long everything runs at once. */
const ATTACK_MS = 4_000;
const STALL_ADDRESS = '127.0.0.2';

/** The node under attack, in its own process: one request at a time, answered in order. */
class Target {
  readonly #child: ChildProcess;
  #waiting: Array<(message: TargetReply) => void> = [];

  constructor() {
    this.#child = fork(new URL('./tcp-handshake-target.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: TargetReply) => this.#waiting.shift()?.(message));
  }

  ask<T extends TargetReply['type']>(message: TargetRequest, answer: T): Promise<Extract<TargetReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.push((reply) =>
        reply.type === answer ? resolve(reply as Extract<TargetReply, { type: T }>) : reject(new Error(`expected ${answer}, got ${reply.type}`)),
      );
      this.#child.send(message);
    });
  }

  async cpuMicros(): Promise<number> {
    return (await this.ask({ type: 'cpu' }, 'cpu')).micros;
  }

  state(): Promise<TargetState> {
    return this.ask({ type: 'state' }, 'state');
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = once(this.#child, 'exit');
    this.#child.send({ type: 'stop' } satisfies TargetRequest);
    await exited;
  }
}

/** A valid handshake, up to the node's Pong on the verified link; the link is then dropped. */
async function validHandshake(identity: NodeIdentity, address: string): Promise<void> {
  const raw = await rawDial(identity, address);
  raw.sendHello(identity);
  raw.send({ tx: 2n, body: { type: 'ping' } });
  for (const deadline = performance.now() + 5_000; !raw.received.some(({ body }) => body.type === 'pong'); await sleep(2)) {
    if (raw.isClosed || performance.now() > deadline) throw new Error('no Pong on a valid link');
  }
  raw.abort();
}

/** Runs `count` connections, `AT_ONCE` at a time; the node's CPU microseconds per connection. */
async function cpuPerConnection(target: Target, count: number, one: (index: number) => Promise<void>): Promise<number> {
  const before = await target.cpuMicros();
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < count) await one(next++);
    }),
  );
  // Whatever closing still costs the node is counted too.
  await sleep(50);
  return ((await target.cpuMicros()) - before) / count;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('bad handshakes over TCP (real node in its own process, wall time)', function () {
  this.timeout(120_000);
  let target: Target;
  const nodes: RealNode[] = [];

  before(() => {
    target = new Target();
  });

  after(async () => {
    for (const { node } of nodes) await node.stop();
    await target.stop();
  });

  it('costs the node at most about one valid handshake each, is refused and closed, and the node keeps serving its honest peer', async () => {
    const { address, keys: hexKeys } = await target.ask(
      { type: 'start', difficulty: DIFFICULTY, blocks: 200, handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS },
      'started',
    );
    const keys = hexKeys.map(fromHex);
    const honest = await startNode();
    nodes.push(honest);
    await honest.transport.dial(address);
    await until(() => honest.node.peers.size === 1, 'the honest link');
    /** Milliseconds each fetch of `fetched` took; the node does not cache them, so each is asked of the target. */
    const fetchTimes = async (...fetched: Uint8Array[]) => {
      const times: number[] = [];
      for (const key of fetched) {
        const startedAt = performance.now();
        await honest.node.request(key);
        times.push(performance.now() - startedAt);
      }
      return times;
    };
    const quiet = await fetchTimes(...keys.slice(0, 100));

    // Same-run reference: valid handshakes, each up to a Pong from the node.
    const valid = await Promise.all(Array.from({ length: PER_KIND }, () => mintIdentity({ difficulty: DIFFICULTY })));
    await cpuPerConnection(target, 4, () => validHandshake(valid[0]!, address)); // warm-up
    const reference = await cpuPerConnection(target, PER_KIND, (index) => validHandshake(valid[index]!, address));

    const costs: Record<string, number> = {};
    for (const [name, kind] of Object.entries(badHandshakes(await weakIdentity(DIFFICULTY), await mintIdentity({ difficulty: DIFFICULTY }))))
      costs[name] = await cpuPerConnection(target, PER_KIND, () => kind(address));
    const refused = await target.state();

    // Everything at once for ATTACK_MS, from a worker, while the honest peer fetches: bad handshakes
    // of every kind from 127.0.0.1, and stalled connections from 127.0.0.2, each reopened as soon as it is closed.
    await target.ask({ type: 'watch' }, 'watching');
    const attackEnds = performance.now() + ATTACK_MS;
    const attack = attackInWorker({ address, difficulty: DIFFICULTY, ms: ATTACK_MS, lanes: AT_ONCE, stallLanes: STALL_FLOOD, stallAddress: STALL_ADDRESS });
    await sleep(ATTACK_MS / 3);
    const late = await startNode();
    nodes.push(late);
    const lateLink = late.transport.dial(address).then(
      () => 'linked',
      (error: Error) => error.message,
    );
    const attacked: number[] = [];
    for (let i = 0; performance.now() < attackEnds; i++) attacked.push(...(await fetchTimes(keys[i % keys.length]!)));
    const [{ handshakes: attacks, stalls }, lateOutcome] = await Promise.all([attack, lateLink]);
    const after = await target.state();

    const ms = (micros: number) => `${(micros / 1000).toFixed(2)} ms`;
    console.log(
      `      node CPU per connection: valid handshake ${ms(reference)}; ${Object.entries(costs)
        .map(([name, cost]) => `${name} ${ms(cost)}`)
        .join(', ')}`,
    );
    const heldLong = stalls.filter(({ openedAt, closedAt }) => closedAt - openedAt >= 0.9 * HANDSHAKE_TIMEOUT_MS);
    console.log(
      `      honest fetches: ${median(quiet).toFixed(1)} ms median before, ${median(attacked).toFixed(1)} ms (max ${Math.max(...attacked).toFixed(0)} ms) ` +
        `during ${attacks} bad handshakes and ${stalls.length} stalled connections (${stalls.length - heldLong.length} refused at accept); at most ${after.mostPendingHandshakes} handshakes in progress at once`,
    );

    // Each kind was refused for its own reason, and its connection closed (every kind above waited for the close).
    for (const reason of [
      /^refused: invalid identity proof: proof has \d+ leading zero bits, network requires 8$/,
      /^refused: the Hello's key is not the key that authenticated the link$/,
      /^refused: the first frame is ping, not Hello$/,
      /^protocol violation: frame of 36865 bytes exceeds the 36864-byte limit$/,
    ])
      assert.ok(
        refused.refusedLinks.some((logged) => reason.test(logged)),
        `no refusal logged matching ${reason}`,
      );
    // A bad handshake costs about what a valid one does, never more: no step before the proof is verified is expensive.
    for (const [name, cost] of Object.entries(costs))
      assert.ok(cost <= 1.5 * reference, `${name}: ${ms(cost)} of CPU, against ${ms(reference)} for a valid handshake`);

    // Stalled connections held at most their slots, each until the handshake timeout; the rest were refused at accept,
    // and the bound per address left room for the late peer (below).
    assert.ok(after.mostPendingHandshakes <= 32, `${after.mostPendingHandshakes} handshakes in progress at once`);
    assert.ok(stalls.length - heldLong.length >= STALL_FLOOD - 16, `only ${stalls.length - heldLong.length} stalled connections refused at accept`);
    assert.ok(
      heldLong.every(({ openedAt, closedAt }) => closedAt - openedAt < HANDSHAKE_TIMEOUT_MS + 3_000),
      'a stalled connection stayed open past the handshake timeout',
    );
    assert.ok(after.refusedAccepts.includes('ERR_HANDSHAKE_LIMIT'), 'no accept refused for the handshake bound');

    // The honest peer stayed linked and was served in normal time; a new peer could still link.
    assert.equal(honest.node.peers.size, 1);
    assert.ok(median(attacked) <= 5 * median(quiet) + 20, `honest fetches slowed from ${median(quiet).toFixed(1)} ms to ${median(attacked).toFixed(1)} ms`);
    assert.ok(Math.max(...attacked) < 2_000, `an honest fetch took ${Math.max(...attacked).toFixed(0)} ms`);
    assert.equal(lateOutcome, 'linked', 'a peer dialling during the attack was not linked');
  });
});
