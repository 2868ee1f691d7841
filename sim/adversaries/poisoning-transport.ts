/**
 * Poisoners: nodes that answer every data request at once with a block that does not
 * verify against the requested key (a valid block of other content: the right size, the
 * wrong bytes). They run the production node otherwise. Every honest relay verifies what it
 * receives (node/route.ts), so a poisoned answer costs the requester a retry, and the
 * poisoner its links once it has sent too many.
 */
import { type ChkFormat, encodeChk } from '../../protocol/keys/chk.js';
import type { TransportWrapper } from '../membership.js';
import { type InterceptCounts, interceptRequests } from './intercept.js';

/** `format`: the network's CHK blocks, so the forgery has the right length and only its bytes are wrong. */
export function poisoner(counts: InterceptCounts, label: string, format: ChkFormat): TransportWrapper {
  const forged = encodeChk(new TextEncoder().encode(`poison from ${label}`), format).block;
  return interceptRequests(
    counts,
    () => true,
    ({ tx }, reply) => reply({ tx, body: { type: 'dataFound', block: forged } }),
  );
}
