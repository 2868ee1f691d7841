/**
 * Black holes: nodes that take every data request they are sent and never answer it. They
 * run the production node otherwise (they accept inserts, keep links, relay nothing back),
 * so the blocks they store are lost to everyone: the upstream only learns by timing out.
 */
import type { TransportWrapper } from '../membership.js';
import { type InterceptCounts, interceptRequests } from './intercept.js';

export function blackHole(counts: InterceptCounts): TransportWrapper {
  return interceptRequests(
    counts,
    () => true,
    () => undefined,
  );
}
