/**
 * Defences, measured: the same small world and workload with 0 %, 10 %, 20 % and 30 % of its
 * nodes turned into attackers of one kind (black holes, stallers or poisoners). Attacker sets are
 * nested (the 10 % are among the 20 %), attackers run the production node behind their
 * wrapper, and only honest nodes insert and request. Every block a requester receives is
 * verified by the workload: `invalidBlocksDelivered` must stay 0.
 *
 *   for each fraction: createSimulatedNetwork ──Membership.restart(attackers, wrapper)──> runWorkload(origins: honest)
 */
import type { ChkFormat } from '../../protocol/keys/chk.js';
import { Membership, type TransportWrapper } from '../membership.js';
import { createSimulatedNetwork } from '../simulated-network.js';
import type { Progress } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { idealLocations, smallWorldEdges } from '../topology.js';
import { runWorkload, type WorkloadMetrics } from '../workload.js';
import { blackHole, staller } from './black-hole-transport.js';
import type { InterceptCounts } from './intercept.js';
import { poisoner } from './poisoning-transport.js';

export type AttackerKind = 'blackhole' | 'stall' | 'poison';

export interface AttackerFractionsInit {
  readonly kind: AttackerKind;
  readonly seed: string;
  readonly nodes: number;
  readonly requests: number;
  /** Distinct blocks inserted (default requests / 4). */
  readonly keys?: number;
  readonly fractions?: readonly number[];
  readonly degree?: number;
  readonly blockBytes?: number;
  readonly requestIntervalMs?: number;
  readonly onProgress?: (progress: Progress) => void;
}

export interface FractionResult {
  readonly fraction: number;
  readonly attackers: number;
  /** Data requests the attackers swallowed or answered with a forged block. */
  readonly intercepted: number;
  /** Links the attackers had once they joined, and once the workload ended (honest peers drop a peer that sends invalid blocks). */
  readonly attackerLinks: { readonly before: number; readonly after: number };
  readonly metrics: WorkloadMetrics;
}

export const ATTACKER_FRACTIONS: readonly number[] = [0, 0.1, 0.2, 0.3];
export const FRACTIONS_DEFAULTS = { degree: 10, blockBytes: 1024, requestIntervalMs: 20 } as const;

function wrapperFor(kind: AttackerKind, counts: InterceptCounts, index: number, format: ChkFormat): TransportWrapper {
  if (kind === 'blackhole') return blackHole(counts);
  if (kind === 'stall') return staller(counts);
  return poisoner(counts, `node ${index}`, format);
}

export async function runAttackerFractions(init: AttackerFractionsInit): Promise<FractionResult[]> {
  const { kind, seed, nodes, requests, fractions = ATTACKER_FRACTIONS, onProgress } = init;
  const settings = { ...FRACTIONS_DEFAULTS, ...init };
  const keys = init.keys ?? Math.max(1, Math.round(requests / 4));
  const rng = new SeededRng(`${seed}/${kind}`);
  const edges = smallWorldEdges(nodes, rng.fork('edges'), { degree: settings.degree });
  const order = rng.fork('attackers').shuffle(Array.from({ length: nodes }, (_, index) => index));
  const results: FractionResult[] = [];
  for (const fraction of fractions) {
    if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`an attacker fraction must be in [0, 1), got ${fraction}`);
    const sim = await createSimulatedNetwork({ seed, locations: idealLocations(nodes), edges, blockBytes: settings.blockBytes });
    const membership = new Membership(sim, edges);
    const count = Math.round(fraction * nodes);
    const counts: InterceptCounts = { requests: 0 };
    for (const index of order.slice(0, count)) await membership.restart(index, wrapperFor(kind, counts, index, sim.chkFormat));
    const honest = order.slice(count).sort((a, b) => a - b);
    const attackerLinks = (): number => order.slice(0, count).reduce((sum, index) => sum + membership.nodes[index]!.transport.connectedPeers.length, 0);
    await sim.clock.run({ until: sim.clock.now() });
    const linksBefore = attackerLinks();
    const label = `${Math.round(fraction * 100)}% ${kind}`;
    try {
      const metrics = await runWorkload(membership.view, {
        keys,
        requests,
        origins: honest,
        requestIntervalMs: settings.requestIntervalMs,
        onProgress: (progress) => onProgress?.({ ...progress, phase: `${label}: ${progress.phase}` }),
      });
      results.push({ fraction, attackers: count, intercepted: counts.requests, attackerLinks: { before: linksBefore, after: attackerLinks() }, metrics });
    } finally {
      await membership.view.stop();
    }
  }
  return results;
}
