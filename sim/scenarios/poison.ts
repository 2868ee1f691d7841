/** Scenario `poison`: 10 %, 20 % and 30 % of nodes answer requests with blocks that do not verify (sim/adversaries/). */
import { attackerScenario } from '../adversaries/fractions-report.js';

export const poisonScenario = attackerScenario(
  'poison',
  'a fraction of nodes answer requests with invalid blocks: success, hops, invalid blocks delivered (must be 0)',
);
