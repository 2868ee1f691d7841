/**
 * The attacks of the README's Security section, long versions, each figure next to the unattacked
 * figure of the same run. One module per attack; this file only dispatches:
 *
 *   fuzz [frames]                 the wire fuzzer against a live node process (default 1,000,000 frames)
 *   handshakes, connects, offers  silent connections holding handshake slots, a connection flood, hostile PeerOffers
 *   api                           a local flood of refused API calls while the node serves an honest fetch
 *   requests, inserts [rounds] [answering]  one peer's flood of DataRequests, or of InsertRequests whose block never comes (3 rounds)
 *   poison [nodes] [requests]     a third of the nodes forge every block they are asked for
 *   eclipse [nodes] [requests]    the eclipse defence's cost on the standard workload, and what sybils near a key cost
 *   crash [kills]                 SIGKILLs of warren node processes under insert and fetch traffic (default 20)
 *
 * Usage: node --import tsx bench/attacks.ts [attack [arguments]] (no attack: every one, with its defaults)
 */
import '../node/polyfills.js';
import { apiAttack } from './attack-api.js';
import { floodAttack } from './attack-floods.js';
import { connectionAttack, offerAttack } from './attack-connections.js';
import { crashSafety } from './attack-crash.js';
import { eclipseBudget, eclipseCost } from './attack-eclipse.js';
import { fuzzAttack } from './attack-fuzz.js';
import { poisonAttack } from './attack-poison.js';

const ATTACKS: Record<string, (args: readonly string[]) => Promise<void>> = {
  fuzz: (args) => fuzzAttack(Number(args[0] ?? 1_000_000)),
  handshakes: () => connectionAttack('handshakes'),
  connects: () => connectionAttack('connects'),
  offers: () => offerAttack(),
  api: () => apiAttack(),
  requests: (args) => floodAttack('requests', Number(args[0] ?? 3), args[1] === 'answering'),
  inserts: (args) => floodAttack('inserts', Number(args[0] ?? 3), args[1] === 'answering'),
  poison: (args) => poisonAttack(Number(args[0] ?? 1_000), Number(args[1] ?? 10_000)),
  crash: (args) => crashSafety(Number(args[0] ?? 20)),
  eclipse: async (args) => {
    await eclipseBudget();
    await eclipseCost(Number(args[0] ?? 1_000), Number(args[1] ?? 10_000));
  },
};

const [which, ...rest] = process.argv.slice(2);
if (which === undefined) {
  for (const run of Object.values(ATTACKS)) await run([]);
} else {
  const run = ATTACKS[which];
  if (run === undefined) throw new Error(`unknown attack ${which}; known: ${Object.keys(ATTACKS).join(', ')}`);
  await run(rest);
}
