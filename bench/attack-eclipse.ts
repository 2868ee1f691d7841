/**
 * The eclipse defence's figures (spec/routing.md §11), for bench/attacks.ts:
 *
 *   cost    the standard small-world workload (sim/scenarios/baseline.ts) with the previous rules
 *           and with the node's, same seed: success, hops, messages per success, store fill
 *   budget  what placing sybils at a key's closest positions costs at the network's difficulty,
 *           for 1,000, 10,000 and 100,000 honest nodes, in CPU-hours of this machine's hash rate
 */
import { DEFAULT_POW_DIFFICULTY } from '../protocol/identity.js';
import { mintIdentity } from '../protocol/identity-mint.js';
import { buildSmallWorld, smallWorldWorkload } from '../sim/scenarios/baseline.js';
import { ECLIPSE_DESIGNS, type EclipseDesign } from '../sim/scenarios/eclipse.js';
import { runWorkload } from '../sim/workload.js';
import { DEFAULT_MAX_DOUBTS } from '../node/context.js';

export async function eclipseCost(nodes: number, requests: number): Promise<void> {
  console.log(`eclipse defence, cost on the standard workload: ${nodes} nodes, ${requests} requests, seed 1`);
  for (const design of ['previous', 'both'] as EclipseDesign[]) {
    const sim = await buildSmallWorld(nodes, '1', 'ideal', ECLIPSE_DESIGNS[design]);
    try {
      const metrics = await runWorkload(sim, smallWorldWorkload(nodes, requests));
      console.log(
        `  ${design.padEnd(8)} success ${(metrics.successRate * 100).toFixed(2)} %, hops ${metrics.hops.mean.toFixed(2)} (p95 ${metrics.hops.p95}), ` +
          `messages/success ${metrics.messagesPerSuccess.toFixed(1)}, latency ${metrics.latencyMs.mean.toFixed(0)} ms, ` +
          `store fill ${(metrics.storeFill * 100).toFixed(2)} %`,
      );
    } finally {
      await sim.stop();
    }
  }
}

/** Hashes a second the production minter searches on one core (inline, no workers), over a few identities. */
async function mintingRate(): Promise<number> {
  let hashes = 0;
  const startedAt = performance.now();
  while (performance.now() - startedAt < 5_000) {
    let spent = 0;
    await mintIdentity({ difficulty: 16, workers: 0, onProgress: (progress) => (spent = progress.hashes) });
    hashes += spent;
  }
  return (hashes * 1000) / (performance.now() - startedAt);
}

export async function eclipseBudget(): Promise<void> {
  const hashesPerSecond = await mintingRate();
  const perIdentity = 2 ** DEFAULT_POW_DIFFICULTY;
  console.log(
    `proof-of-work hashes on one core of this machine: ${(hashesPerSecond / 1e6).toFixed(2)} M/s; ` +
      `an identity at difficulty ${DEFAULT_POW_DIFFICULTY} costs 2^${DEFAULT_POW_DIFFICULTY} hashes on average`,
  );
  console.log('  a location is uniform, so among n honest nodes an identity lands closer to a key than all of them with probability 1/(n + 1):');
  for (const honest of [1_000, 10_000, 100_000]) {
    const cost = (sybils: number) => (sybils * (honest + 1) * perIdentity) / hashesPerSecond / 3600;
    console.log(
      `  ${honest.toLocaleString('en')} honest nodes: 3 sybils closest to a key ${cost(3).toFixed(1)} CPU-hours (the previous rules lose the key to them); ` +
        `${DEFAULT_MAX_DOUBTS + 1} sybils, enough to outnumber the neighbourhood and its doubts, ${cost(DEFAULT_MAX_DOUBTS + 1).toFixed(1)} CPU-hours`,
    );
  }
}
