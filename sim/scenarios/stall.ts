/** Scenario `stall`: 10 %, 20 % and 30 % of nodes acknowledge every request and never answer it (sim/adversaries/). */
import { attackerScenario } from '../adversaries/fractions-report.js';

export const stallScenario = attackerScenario(
  'stall',
  'a fraction of nodes acknowledge every request, then never answer: success and hops at 0/10/20/30% attackers',
);
