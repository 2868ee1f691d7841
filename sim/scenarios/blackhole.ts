/** Scenario `blackhole`: 10 %, 20 % and 30 % of nodes take requests and never answer (sim/adversaries/). */
import { attackerScenario } from '../adversaries/fractions-report.js';

export const blackholeScenario = attackerScenario('blackhole', 'a fraction of nodes swallow every request: success and hops at 0/10/20/30% attackers');
