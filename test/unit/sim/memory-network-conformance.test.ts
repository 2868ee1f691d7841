/**
 * The shared Transport suite against MemoryNetwork on a virtual clock: `settle` runs the
 * clock until nothing is pending. Identities are minted at difficulty 0, so their proof
 * nonce is the zero nonce the memory network announces.
 */
import { mintIdentity } from '../../../protocol/identity-mint.js';
import { VirtualClock } from '../../../sim/clock.js';
import { MemoryNetwork, type MemoryTransport } from '../../../sim/memory-network.js';
import { SeededRng } from '../../../sim/rng.js';
import { transportConformance } from '../node/transport-conformance.js';

transportConformance('MemoryNetwork', async () => {
  const clock = new VirtualClock();
  const network = new MemoryNetwork({ clock, rng: new SeededRng('conformance') });
  const transports: MemoryTransport[] = [];
  return {
    async create() {
      const identity = await mintIdentity({ difficulty: 0 });
      const transport = network.createTransport({ location: identity.location, publicKey: identity.publicKey });
      transports.push(transport);
      return { transport, identity };
    },
    async settle() {
      await clock.runUntilIdle();
    },
    async cleanup() {
      await Promise.all(transports.map((transport) => transport.stop()));
      await clock.runUntilIdle();
    },
  };
});
