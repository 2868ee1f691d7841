/**
 * Every named scenario `warren sim --scenario NAME` can run, in the order `warren sim --list`
 * prints them: the standard networks first, then faults and attackers, then the experiments
 * that reproduce published results.
 */
import type { Scenario } from '../report/model.js';
import { anonymityOpennetScenario, anonymityScenario, anonymitySmallWorldScenario } from './anonymity.js';
import { baselineScenario } from './baseline.js';
import { blackholeScenario } from './blackhole.js';
import { churnScenario } from './churn.js';
import { darknetScenario } from './darknet.js';
import { eclipseScenario } from './eclipse.js';
import { flashCrowdScenario } from './flash-crowd.js';
import { floodScenario } from './flood.js';
import { hopsVsSizeScenario } from './hops-vs-size.js';
import { opennetGrowthScenario } from './opennet-growth.js';
import { pitchBlackScenario } from './pitch-black.js';
import { poisonScenario } from './poison.js';
import { randomLocationsScenario } from './random-locations.js';
import { retentionScenario } from './retention.js';
import { sandbergScenario } from './sandberg.js';
import { stallScenario } from './stall.js';

export const SCENARIOS: readonly Scenario[] = [
  baselineScenario,
  randomLocationsScenario,
  opennetGrowthScenario,
  churnScenario,
  retentionScenario,
  flashCrowdScenario,
  blackholeScenario,
  stallScenario,
  poisonScenario,
  floodScenario,
  eclipseScenario,
  sandbergScenario,
  darknetScenario,
  pitchBlackScenario,
  hopsVsSizeScenario,
  anonymityScenario,
  anonymitySmallWorldScenario,
  anonymityOpennetScenario,
];

/** The scenario called `name`, if there is one. */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
