/**
 * Scenario `eclipse`: an attacker spends a budget of proof-of-work hashes minting identities
 * (the production minting code at a small simulation difficulty), joins the network with the
 * few that landed closest to a target key, answers every request for that key with
 * DataNotFound and ends every insert of it unkept. Reported per budget: the hashes spent, how close its best identity got
 * compared with the closest honest node, and the fraction of requests for the target it
 * intercepted and made fail, with the target stored before the attacker joins and after.
 *
 *   per budget: createSimulatedNetwork ──insert target (target first)──> mintNear ──Membership.add(sybils)──>
 *               ──insert target (attacker first)──> requests for the target, one at a time, from random honest nodes
 */
import { keyLocation, circularDistance } from '../../protocol/location.js';
import { encodeChk } from '../../protocol/keys/chk.js';
import { type EclipseCounts, eclipser, mintNear } from '../adversaries/eclipse-sybils.js';
import { DEFAULT_MAX_DOUBTS, DEFAULT_NEIGHBOURHOOD_SPAN } from '../../node/context.js';
import { Membership } from '../membership.js';
import { createSimulatedNetwork } from '../simulated-network.js';
import type { Figure, Progress, Scenario } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { idealLocations, smallWorldEdges } from '../topology.js';
import { drive } from '../workload.js';

/**
 * How honest nodes answer the attack (spec/routing.md §10): `previous` takes every DataNotFound at
 * its word; `doubting`, the node's default, lets a node with the key in its neighbourhood (three
 * times its local node spacing) try its next peer after up to 4 of them.
 */
export type EclipseDesign = 'previous' | 'doubting';

export const ECLIPSE_DESIGNS: Readonly<Record<EclipseDesign, { readonly neighbourhoodSpan: number; readonly maxDoubts: number }>> = {
  previous: { neighbourhoodSpan: 0, maxDoubts: 0 },
  doubting: { neighbourhoodSpan: DEFAULT_NEIGHBOURHOOD_SPAN, maxDoubts: DEFAULT_MAX_DOUBTS },
};

export interface EclipseInit {
  readonly seed: string;
  /** The honest nodes' rules (default `doubting`, the node's own). */
  readonly design?: EclipseDesign;
  readonly nodes: number;
  /** Requests for the target key per budget. */
  readonly requests: number;
  /** Whether the attacker joins before the target is inserted (else after it is stored). */
  readonly attackerFirst: boolean;
  /** Hash budgets to try (0: no attacker, the reference). */
  readonly budgets?: readonly number[];
  readonly difficulty?: number;
  /** Identities the attacker joins with: the closest it minted. */
  readonly sybils?: number;
  /** Honest nodes each sybil links to: those closest to it on the ring, as an announcement would find. */
  readonly links?: number;
  readonly degree?: number;
  readonly blockBytes?: number;
  readonly onProgress?: (progress: Progress) => void;
}

export interface EclipseResult {
  readonly design: EclipseDesign;
  readonly attackerFirst: boolean;
  readonly budgetHashes: number;
  readonly hashes: number;
  readonly minted: number;
  readonly sybils: number;
  /** Ring distance from the target to the attacker's closest identity, over that of the closest honest node (< 1: closer). */
  readonly relativeDistance: number;
  readonly intercepted: number;
  readonly failed: number;
  /** Whether the target's insert reached a sybil (and ended there). */
  readonly insertCaptured: boolean;
  readonly requests: number;
  readonly events: number;
}

export const ECLIPSE_DEFAULTS = {
  budgets: [0, 2 ** 12, 2 ** 14, 2 ** 16, 2 ** 18, 2 ** 20],
  difficulty: 8,
  sybils: 3,
  links: 10,
  degree: 10,
  blockBytes: 1024,
} as const;

export async function runEclipse(init: EclipseInit): Promise<EclipseResult[]> {
  const settings = { ...ECLIPSE_DEFAULTS, ...init };
  const { seed, nodes, requests, onProgress } = settings;
  const rng = new SeededRng(`${seed}/eclipse`);
  const locations = idealLocations(nodes);
  const edges = smallWorldEdges(nodes, rng.fork('edges'), { degree: settings.degree });
  const results: EclipseResult[] = [];
  for (const budget of settings.budgets) {
    const design = settings.design ?? 'doubting';
    const sim = await createSimulatedNetwork({ seed, locations, edges, blockBytes: settings.blockBytes, node: ECLIPSE_DESIGNS[design] });
    const membership = new Membership(sim, edges);
    const operations = rng.fork('operations');
    const target = encodeChk(new TextEncoder().encode(`eclipse target of ${seed}`), sim.chkFormat);
    const targetLocation = keyLocation(target.routingKey);
    const insertTarget = () =>
      drive(
        sim,
        'inserting the target',
        1,
        0,
        operations,
        async () => {
          await membership.nodes[operations.int(nodes)]!.node.insert(target.routingKey, target.block).catch(() => undefined);
        },
        undefined,
      );
    let events = settings.attackerFirst ? 0 : await insertTarget();

    const minted =
      budget > 0
        ? await mintNear({ targetLocation, budgetHashes: budget, difficulty: settings.difficulty, keep: settings.sybils, rng: rng.fork('mint') })
        : { identities: [], minted: 0, hashes: 0 };
    const counts: EclipseCounts = { requests: 0, inserts: 0 };
    const byDistance = (location: number) => (a: number, b: number) => circularDistance(locations[a]!, location) - circularDistance(locations[b]!, location);
    const honest = locations.map((_, index) => index);
    for (const identity of minted.identities) {
      const neighbours = [...honest].sort(byDistance(identity.location)).slice(0, settings.links);
      await membership.add({ location: identity.location, publicKey: identity.publicKey, wrap: eclipser(counts, target.routingKey), neighbours });
    }
    if (settings.attackerFirst) events += await insertTarget();
    const closestHonest = Math.min(...locations.map((location) => circularDistance(location, targetLocation)));
    const closestSybil = Math.min(Infinity, ...minted.identities.map((identity) => circularDistance(identity.location, targetLocation)));

    let intercepted = 0;
    let failed = 0;
    try {
      for (let request = 0; request < requests; request++) {
        const before = counts.requests;
        events += await drive(
          sim,
          'requesting the target',
          1,
          0,
          operations,
          async () => {
            await membership.nodes[operations.pick(honest)]!.node.request(target.routingKey).catch(() => failed++);
          },
          undefined,
        );
        if (counts.requests > before) intercepted++;
        onProgress?.({
          phase: `eclipse (${design}, ${settings.attackerFirst ? 'attacker first' : 'target first'}), budget ${budget} hashes`,
          done: request + 1,
          total: requests,
        });
      }
    } finally {
      await membership.view.stop();
    }
    results.push({
      design,
      attackerFirst: settings.attackerFirst,
      budgetHashes: budget,
      hashes: minted.hashes,
      minted: minted.minted,
      sybils: minted.identities.length,
      relativeDistance: closestSybil / closestHonest,
      intercepted,
      failed,
      insertCaptured: counts.inserts > 0,
      requests,
      events,
    });
  }
  return results;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export const eclipseScenario: Scenario = {
  name: 'eclipse',
  summary: 'an attacker mints proof-of-work identities near a target key: hash work spent against requests captured',
  defaults: { nodes: 1_000, requests: 200 },
  async run(options) {
    const base = {
      seed: options.seed,
      nodes: options.nodes,
      requests: options.requests,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    };
    const results: EclipseResult[] = [];
    for (const design of Object.keys(ECLIPSE_DESIGNS) as EclipseDesign[]) {
      for (const attackerFirst of [false, true]) results.push(...(await runEclipse({ ...base, design, attackerFirst })));
    }
    options.countEvents?.(results.reduce((sum, result) => sum + result.events, 0));
    const when = (attackerFirst: boolean): string => (attackerFirst ? 'attacker joined before the insert' : 'target stored before the attacker joined');
    const figures: Figure[] = results
      .filter((result) => result.budgetHashes > 0)
      .map((result) => {
        const reference = results.find(
          (other) => other.design === 'previous' && other.budgetHashes === result.budgetHashes && other.attackerFirst === result.attackerFirst,
        );
        return {
          name: `requests for the target failed (${result.design}), ${result.hashes} hashes spent, ${when(result.attackerFirst)}`,
          value: result.failed / result.requests,
          unit: 'ratio',
          ...(reference === undefined || result.design === 'previous'
            ? {}
            : { reference: { value: reference.failed / reference.requests, source: 'the previous design, same attack and network' } }),
        };
      });
    const series = (design: EclipseDesign, attackerFirst: boolean, label: string, count: (result: EclipseResult) => number) => ({
      label: `${label} (${design}), ${attackerFirst ? 'attacker first' : 'target first'}`,
      points: results
        .filter((result) => result.hashes > 0 && result.design === design && result.attackerFirst === attackerFirst)
        .map((result) => [result.hashes, count(result) / result.requests] as const),
    });
    const { budgets, ...rest } = ECLIPSE_DEFAULTS;
    return {
      scenario: 'eclipse',
      seed: options.seed,
      parameters: { nodes: options.nodes, requests: options.requests, ...rest, budgets: budgets.join(' ') },
      figures,
      tables: [
        {
          title: 'Hash work spent against requests for the target captured',
          columns: [
            'design',
            'order',
            'budget (hashes)',
            'hashes spent',
            'identities minted',
            'sybils joined',
            'closest sybil / closest honest distance',
            'insert captured',
            'requests intercepted',
            'requests failed',
          ],
          rows: results.map((result) => [
            result.design,
            result.attackerFirst ? 'attacker first' : 'target first',
            result.budgetHashes,
            result.hashes,
            result.minted,
            result.sybils,
            result.sybils === 0 ? '—' : round(result.relativeDistance, 3),
            result.insertCaptured ? 'yes' : 'no',
            round(result.intercepted / result.requests, 3),
            round(result.failed / result.requests, 3),
          ]),
        },
      ],
      charts: [
        {
          title: 'Requests for the target captured against hash work',
          xLabel: 'hashes spent',
          yLabel: 'fraction of requests for the target',
          kind: 'line',
          logX: true,
          series: [
            series('previous', false, 'failed', (result) => result.failed),
            series('previous', true, 'failed', (result) => result.failed),
            series('doubting', false, 'failed', (result) => result.failed),
            series('doubting', true, 'failed', (result) => result.failed),
          ],
        },
      ],
      notes: [
        `Identities are minted with the production code (protocol/identity.ts) at difficulty ${ECLIPSE_DEFAULTS.difficulty} (a simulation parameter; the ` +
          `network's is 24, 2^16 times the work per identity), inline and from seeded keys.`,
        `The attacker joins with its ${ECLIPSE_DEFAULTS.sybils} identities closest to the target, each linked to the ${ECLIPSE_DEFAULTS.links} honest ` +
          `nodes closest to it (what announcing itself would find), answers DataNotFound to every request for the target and "stored" to every ` +
          `insert of it (keeping and forwarding nothing); it behaves honestly otherwise.`,
        "Designs (spec/routing.md §10): previous = a DataNotFound ends the route; doubting = the node's default: a node with the key within " +
          `${DEFAULT_NEIGHBOURHOOD_SPAN}× the distance to its second-nearest peer tries its next peer after up to ${DEFAULT_MAX_DOUBTS} of them. ` +
          'An insert a sybil answers "stored" still ends there: with the attacker first, only caches on the way hold the block.',
        'Two orders: the target stored before the attacker joins (it must intercept requests before they reach a node holding the block), and the attacker ' +
          'joined before the insert (an insert that reaches a sybil ends there, so the block is kept only by the caches of the hops before it).',
        'Requests come one at a time from random honest nodes: successful ones leave copies in caches on their way back, and a relay that saw a request ' +
          'fail answers the next one for the same key DataNotFound for a while (routing §3), so a request can fail without reaching the attacker.',
      ],
    };
  },
};
