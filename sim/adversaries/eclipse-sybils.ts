/**
 * The eclipse attacker: it mints proof-of-work identities with the production minting code
 * until its hash budget is spent, keeps those whose proof put them closest to a target key,
 * joins with them, and answers every request for that key with DataNotFound (which ends a
 * request: nobody tries further) and every insert of it with "stored" (which ends the insert
 * there, unkept), while behaving honestly for everything else.
 *
 *   mintNear(target, budget) ──mintIdentity × many──> the closest identities + hashes spent
 *   eclipser(target)         ──> a TransportWrapper: requests for the target are swallowed
 */
import { equalBytes } from '../../protocol/crypto.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { type NodeIdentity, verifyIdentityProof } from '../../protocol/identity.js';
import { circularDistance } from '../../protocol/location.js';
import type { TransportWrapper } from '../membership.js';
import type { SeededRng } from '../rng.js';
import { type InterceptCounts, InterceptingTransport } from './intercept.js';

export interface MintedSybils {
  /** The identities kept, closest to the target first. */
  readonly identities: readonly NodeIdentity[];
  /** Identities minted in all. */
  readonly minted: number;
  /** Proof hashes computed in all (every nonce tried, over every identity). */
  readonly hashes: number;
}

const SEED_BYTES = 32;

function drawSeed(rng: SeededRng): Uint8Array {
  const seed = new Uint8Array(SEED_BYTES);
  const words = new DataView(seed.buffer);
  for (let offset = 0; offset < SEED_BYTES; offset += 8) words.setBigUint64(offset, rng.nextU64());
  return seed;
}

/**
 * Mints identities at `difficulty` (keys from `rng`, searched inline, so deterministic) until
 * `budgetHashes` proof hashes are spent (the last identity may overrun it), keeping the
 * `keep` closest to `targetLocation`. Each kept proof is verified as a peer's handshake would.
 */
export async function mintNear(init: {
  targetLocation: number;
  budgetHashes: number;
  difficulty: number;
  keep: number;
  rng: SeededRng;
}): Promise<MintedSybils> {
  const { targetLocation, budgetHashes, difficulty, keep, rng } = init;
  let best: NodeIdentity[] = [];
  let hashes = 0;
  let minted = 0;
  while (hashes < budgetHashes) {
    let spent = 0;
    const identity = await mintIdentity({ difficulty, seed: drawSeed(rng), workers: 0, onProgress: (progress) => (spent = progress.hashes) });
    hashes += spent;
    minted++;
    best.push(identity);
    best.sort((a, b) => circularDistance(a.location, targetLocation) - circularDistance(b.location, targetLocation));
    best = best.slice(0, keep);
  }
  for (const identity of best) verifyIdentityProof(identity, difficulty);
  return { identities: best, minted, hashes };
}

/** What the eclipse attacker's nodes swallowed. */
export interface EclipseCounts extends InterceptCounts {
  /** Inserts of the target answered "stored" and dropped. */
  inserts: number;
}

/**
 * Answers every request for `targetKey` with DataNotFound, and every insert of it with
 * "stored" without keeping or forwarding it (so the insert ends at the attacker);
 * everything else reaches the node.
 */
export function eclipser(counts: EclipseCounts, targetKey: Uint8Array): TransportWrapper {
  return (transport) =>
    new InterceptingTransport(transport, (_from, { tx, body }, reply) => {
      if ((body.type !== 'dataRequest' && body.type !== 'insertRequest') || !equalBytes(body.routingKey, targetKey)) return false;
      if (body.type === 'dataRequest') {
        counts.requests++;
        reply({ tx, body: { type: 'dataNotFound' } });
      } else {
        counts.inserts++;
        reply({ tx, body: { type: 'insertReply', outcome: 'stored' } });
      }
      return true;
    });
}
