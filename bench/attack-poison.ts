/**
 * Poisoning for bench/attacks.ts: a small world where a share of the nodes answers every request
 * with a well-formed block that does not match its key (sim/adversaries/fractions.ts, the
 * production node code in virtual time). Prints success, hops and forged blocks handed to a
 * requester (must be 0) for no poisoners (the reference) and for a third of the nodes.
 */
import { runAttackerFractions } from '../sim/adversaries/fractions.js';

export async function poisonAttack(nodes: number, requests: number): Promise<void> {
  const results = await runAttackerFractions({ kind: 'poison', seed: 'bench/attacks/poison', nodes, requests, fractions: [0, 1 / 3] });
  console.log(`poisoning: ${nodes} nodes, ${requests} requests; forged blocks are checked against their key at every hop`);
  for (const { fraction, attackers, metrics, attackerLinks } of results) {
    console.log(
      `  ${(fraction * 100).toFixed(0).padStart(2)} % poisoners (${attackers}): success ${(metrics.successRate * 100).toFixed(2)} %, ` +
        `hops ${metrics.hops.mean.toFixed(2)}, forged blocks delivered ${metrics.invalidBlocksDelivered}, ` +
        `poisoners' links ${attackerLinks.before} → ${attackerLinks.after}`,
    );
  }
}
