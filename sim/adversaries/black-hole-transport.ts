/**
 * Black holes: nodes that take every data request they are sent and never answer it. They
 * run the production node otherwise (they accept inserts, keep links, relay nothing back),
 * so the blocks they store are lost to everyone. A plain black hole does not even acknowledge
 * a request (RequestAccepted), so its upstream passes it over after the accept timeout; a
 * staller acknowledges each one and then says nothing, so its upstream waits the hop's whole
 * time (spec/routing.md §3.1).
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

export function staller(counts: InterceptCounts): TransportWrapper {
  return interceptRequests(
    counts,
    () => true,
    ({ tx }, reply) => reply({ tx, body: { type: 'requestAccepted' } }),
  );
}
