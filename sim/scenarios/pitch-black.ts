/**
 * Scenario `pitch-black`: the attack of Evans, GauthierDickey and Grothoff ("Routing in the Dark:
 * Pitch Black", ACSAC 2007) on location swapping, with 0, 1 and 5 attackers, with and without the
 * randomised reset (node/swap-policy.ts) that Freenet adopted against it.
 *
 *   sandbergEdges ──random locations──> SwapSimulation × warm-up rounds (honest)   (once per defence setting)
 *     └─ for each attacker count: SwapSimulation(attackers) × attack rounds ──> greedyRouting {stop, continue}
 *   ──> ScenarioReport: routing and location clustering before and after the attack
 *
 * An attacker answers every swap walk that reaches it, and starts one walk through each of its
 * links a round (the most its neighbours' per-peer rate limits let through), always claiming a
 * location next to its own point and links that make the honest side's decision accept
 * (sim/swapping.ts); it never moves itself.
 */
import { SWAP_DEFENCE_DEFAULTS, swapWalkHops } from '../../node/swap-policy.js';
import { circularDistance } from '../../protocol/location.js';
import { adjacencyOf } from '../adjacency.js';
import { type GreedyResult, greedyRouting } from '../greedy.js';
import type { Figure, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { type SwapDefences, SwapSimulation } from '../swapping.js';
import { randomLocations, sandbergEdges } from '../topology.js';

export const PITCH_BLACK_ATTACKERS = [0, 1, 5] as const;
/** Rounds of honest swapping before the attack starts. */
export const PITCH_BLACK_WARMUP_ROUNDS = 300;
/** Rounds with the attackers at work. */
export const PITCH_BLACK_ATTACK_ROUNDS = 300;
/** Ring distance from an attack point within which an honest node counts as pulled in. */
export const PULLED_DISTANCE = 0.01;

/** A setting of the defences every honest node applies, during the warm-up too. */
export interface Defence extends SwapDefences {
  readonly name: string;
}

/** The randomised reset as measured here: its chance per node and round. */
export const MEASURED_RESET_PROBABILITY = 0.001;
/** The span check as measured here: its threshold. */
export const MEASURED_MIN_LINK_SPAN = 0.01;

const NO_DEFENCE = { resetProbability: 0, maxOwnLogLossPerLink: Infinity, minLinkSpan: 0 } as const;
const OWN_LOSS_BOUND = SWAP_DEFENCE_DEFAULTS.maxOwnLogLossPerLink;

/** No defence; Freenet's randomised reset; the own-loss bound (the node's default); the span check; all three. */
export const PITCH_BLACK_DEFENCES: readonly Defence[] = [
  { name: 'none', ...NO_DEFENCE },
  { name: 'randomised reset', ...NO_DEFENCE, resetProbability: MEASURED_RESET_PROBABILITY },
  { name: 'own-loss bound', ...NO_DEFENCE, maxOwnLogLossPerLink: OWN_LOSS_BOUND },
  { name: 'span check', ...NO_DEFENCE, minLinkSpan: MEASURED_MIN_LINK_SPAN },
  { name: 'all three', resetProbability: MEASURED_RESET_PROBABILITY, maxOwnLogLossPerLink: OWN_LOSS_BOUND, minLinkSpan: MEASURED_MIN_LINK_SPAN },
];

export interface PitchBlackOptions extends ScenarioOptions {
  readonly warmupRounds?: number;
  readonly attackRounds?: number;
  readonly defences?: readonly Defence[];
}

interface Outcome {
  readonly defence: string;
  readonly attackers: number;
  readonly stop: GreedyResult;
  readonly continued: GreedyResult;
  /** Share of honest nodes within PULLED_DISTANCE of an attack point (of this run's points). */
  readonly pulled: number;
  /** Key space held by the top TOP_SHARE of nodes. */
  readonly topKeyspace: number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Share of the nodes whose key space is measured as "the most loaded": the top 1 %. */
export const TOP_SHARE = 0.01;

/**
 * The share of the key space held by the `fraction` of nodes holding the most: a key is stored at
 * the node closest to it, so a node holds the arc halfway to its ring neighbours on either side.
 * About 5 % at 1,000 uniform locations (the largest arcs of a uniform spacing); all of it when
 * the locations crowd at a few points.
 */
export function keyspaceHeldByTop(positions: ArrayLike<number>, fraction: number): number {
  const sorted = Float64Array.from(positions).sort();
  const n = sorted.length;
  if (n < 2) return 1;
  const arcs = new Float64Array(n);
  for (let index = 0; index < n; index++) {
    const before = index === 0 ? sorted[n - 1]! - 1 : sorted[index - 1]!;
    const after = index === n - 1 ? sorted[0]! + 1 : sorted[index + 1]!;
    arcs[index] = (after - before) / 2;
  }
  arcs.sort().reverse();
  let held = 0;
  for (let index = 0; index < Math.max(1, Math.round(n * fraction)); index++) held += arcs[index]!;
  return held;
}

export async function runPitchBlack(options: PitchBlackOptions): Promise<ScenarioReport> {
  const { nodes: n, requests, seed, onProgress } = options;
  const warmupRounds = options.warmupRounds ?? PITCH_BLACK_WARMUP_ROUNDS;
  const attackRounds = options.attackRounds ?? PITCH_BLACK_ATTACK_ROUNDS;
  const defences = options.defences ?? PITCH_BLACK_DEFENCES;
  const rng = new SeededRng(seed);
  const graph = adjacencyOf(n, sandbergEdges(n, rng.fork('graph')));
  const start = rng.fork('shuffle').shuffle(randomLocations(n, rng.fork('locations')));
  const chosen = rng.fork('attackers').shuffle(Array.from({ length: n }, (_, index) => index));
  const points = rng.fork('points');
  const attackPoints = chosen.slice(0, Math.max(...PITCH_BLACK_ATTACKERS)).map(() => points.next());
  const walkHops = swapWalkHops(n);
  const routing = (positions: Float64Array, label: string) => ({
    stop: greedyRouting(graph, positions, rng.fork(`greedy/${label}/stop`), { mode: 'stop', routes: requests }),
    continued: greedyRouting(graph, positions, rng.fork(`greedy/${label}/continue`), { mode: 'continue', routes: requests }),
  });

  const outcomes: Outcome[] = [];
  const warmedUp: { defence: string; stop: GreedyResult; continued: GreedyResult; topKeyspace: number }[] = [];
  for (const { name: defence, ...settings } of defences) {
    const warm = Float64Array.from(start);
    const honest = new SwapSimulation(graph, warm, rng.fork(`warm-up/${defence}`), { walkHops, ...settings });
    for (let done = 1; done <= warmupRounds; done++) {
      honest.runRound();
      onProgress?.({ phase: `warm-up, defence: ${defence}`, done, total: warmupRounds });
    }
    warmedUp.push({ defence, ...routing(warm, `warm-up/${defence}`), topKeyspace: keyspaceHeldByTop(warm, TOP_SHARE) });
    for (const count of PITCH_BLACK_ATTACKERS) {
      const attackers = new Map(chosen.slice(0, count).map((node, index) => [node, attackPoints[index]!] as const));
      const positions = Float64Array.from(warm);
      const attacked = new SwapSimulation(graph, positions, rng.fork(`attack/${defence}/${count}`), { walkHops, ...settings, attackers });
      const phase = `${count} attackers, defence: ${defence}`;
      for (let done = 1; done <= attackRounds; done++) {
        attacked.runRound();
        onProgress?.({ phase, done, total: attackRounds });
      }
      const honestNodes = chosen.slice(count);
      const near = honestNodes.filter((node) => [...attackers.values()].some((point) => circularDistance(positions[node]!, point) < PULLED_DISTANCE));
      outcomes.push({
        defence,
        attackers: count,
        ...routing(positions, `${defence}/${count}`),
        pulled: near.length / honestNodes.length,
        topKeyspace: keyspaceHeldByTop(positions, TOP_SHARE),
      });
    }
  }

  const label = (outcome: Outcome) => `${outcome.attackers} attackers, defence: ${outcome.defence}`;
  const figures: Figure[] = outcomes.flatMap((outcome) => [
    { name: `${label(outcome)}: greedy stop success`, value: round(outcome.stop.successRate, 4), unit: 'ratio' as const },
    { name: `${label(outcome)}: greedy continue success`, value: round(outcome.continued.successRate, 4), unit: 'ratio' as const },
    { name: `${label(outcome)}: greedy continue mean steps`, value: round(outcome.continued.meanSteps, 3), unit: 'hops' as const },
    { name: `${label(outcome)}: honest nodes pulled near an attack point`, value: round(outcome.pulled, 4), unit: 'ratio' as const },
    { name: `${label(outcome)}: key space held by the top 1 % of nodes`, value: round(outcome.topKeyspace, 4), unit: 'ratio' as const },
  ]);
  return {
    scenario: 'pitch-black',
    seed,
    parameters: {
      nodes: n,
      routes: requests,
      warmupRounds,
      attackRounds,
      walkHops,
      pulledDistance: PULLED_DISTANCE,
      defences: defences
        .map(
          ({ name, resetProbability, maxOwnLogLossPerLink, minLinkSpan }) =>
            `${name} (reset ${resetProbability}, own-loss bound ${maxOwnLogLossPerLink}, span ${minLinkSpan})`,
        )
        .join('; '),
    },
    figures,
    tables: [
      {
        title: `Pitch Black on a ${n.toLocaleString('en-US')}-node swapping darknet (Sandberg's ring)`,
        columns: [
          'defence',
          'attackers',
          'when',
          'greedy stop: success',
          'steps',
          'greedy continue: success',
          'steps',
          'honest nodes pulled in',
          'key space of top 1 %',
        ],
        rows: [
          ...warmedUp.map((entry) => [
            entry.defence,
            0,
            `after ${warmupRounds} honest rounds`,
            round(entry.stop.successRate, 4),
            round(entry.stop.meanSteps, 3),
            round(entry.continued.successRate, 4),
            round(entry.continued.meanSteps, 3),
            '',
            round(entry.topKeyspace, 4),
          ]),
          ...outcomes.map((outcome) => [
            outcome.defence,
            outcome.attackers,
            `after ${attackRounds} more rounds`,
            round(outcome.stop.successRate, 4),
            round(outcome.stop.meanSteps, 3),
            round(outcome.continued.successRate, 4),
            round(outcome.continued.meanSteps, 3),
            outcome.attackers === 0 ? '' : round(outcome.pulled, 4),
            round(outcome.topKeyspace, 4),
          ]),
        ],
      },
    ],
    charts: [],
    notes: [
      `Graph: Sandberg's ring (round(3·log2 n) contacts per node ∝ 1/d); locations start random and swap for ${warmupRounds} honest rounds, then ` +
        `${attackRounds} rounds with the attackers (random nodes of the graph, each pulling toward its own random point).`,
      'An attacker answers every swap walk that reaches it and starts one walk through each of its links per round (what its neighbours’ per-peer ' +
        'rate limits let through); it claims a location within 1e-6 of its point and links next to the honest node, so the honest decision accepts, ' +
        'and the honest node takes the claimed location while the attacker stays put.',
      'Defences (during the warm-up too, as a deployed node would run them; spec/routing.md §11.4): randomised reset, each honest node taking a ' +
        `fresh uniform location with probability ${MEASURED_RESET_PROBABILITY} per round; own-loss bound, a swap refused when it would lengthen either ` +
        `side's own links by more than a mean log ratio of ${OWN_LOSS_BOUND} per link; span check, a node whose links all end nearer than ` +
        `${MEASURED_MIN_LINK_SPAN} taking a fresh uniform location. "Pulled in": honest nodes within ring distance ` +
        `${PULLED_DISTANCE} of an attack point. Greedy routing between ${requests} random pairs (attackers included, routing honestly from their points).`,
    ],
  };
}

export const pitchBlackScenario: Scenario = {
  name: 'pitch-black',
  summary: 'Pitch Black (Evans et al. 2007) against location swapping: 0, 1 and 5 attackers, with and without the randomised-reset defence',
  defaults: { nodes: 1_000, requests: 2_000 },
  run: runPitchBlack,
};
