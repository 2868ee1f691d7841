/**
 * Scenario `random-locations`: the baseline's graph and workload with the node locations
 * shuffled, so links carry no information about ring distance: what greedy routing costs
 * when the network is not navigable (Sandberg's "random positions").
 */
import type { Scenario } from '../report/model.js';
import { runSmallWorldWorkload, smallWorldReport } from './baseline.js';

export const randomLocationsScenario: Scenario = {
  name: 'random-locations',
  summary: 'The baseline graph and workload with node locations shuffled: how much worse routing gets without a navigable small world',
  defaults: { nodes: 10_000, requests: 100_000 },
  async run(options) {
    const { metrics, keys } = await runSmallWorldWorkload(options, 'shuffled');
    return smallWorldReport('random-locations', options, 'shuffled', metrics, keys);
  },
};
