/**
 * A flood over real TCP (spec/routing.md §8): a peer sends DataRequests far beyond its budget
 * while two honest peers fetch blocks the target holds. What is checked is behaviour, whatever
 * the machine's speed: the flood beyond the budget is refused with RejectedOverload (or the
 * flooder is disconnected), what the target admitted stays within the budget, every honest fetch
 * succeeds, the honest peers stay connected and the target's route table stays within its
 * bounds. The rates (honest fetches flooded against unflooded) are measured by bench/flood.ts.
 */
import assert from 'node:assert/strict';
import { encodeChk } from '../../protocol/keys/chk.js';
import type { Node } from '../../node/node.js';
import { startFloodPeer } from '../support/flood-peer.js';
import { DIFFICULTY, sampleTarget, useStartedNodes } from '../support/flood-setup.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

const FLOOD_PER_SECOND = 8_000;
/** The per-peer budget (node defaults, spec/routing.md §8): a burst, then a sustained rate. */
const BURST = 2_000;
const RATE_PER_SECOND = 1_000;
/** Routes in flight at the target, and one peer's share of them: at most half the table (twice an even split among three is more). */
const MAX_ACTIVE = 1_000;
const SHARE = MAX_ACTIVE / 2;
/** Refusals the flooder must have seen before the flood is stopped: well past its burst. */
const REFUSALS = 4_000;
const BLOCKS = 200;
/** 16 outstanding blocks of 32 KiB fit in the target's send queue to a peer (1 MiB): an honest peer is never a slow reader. */
const IN_FLIGHT = 16;

/** Every client fetches every key, `IN_FLIGHT` at a time; the errors of those that failed. */
async function fetchEvery(clients: readonly Node[], keys: readonly Uint8Array[]): Promise<Error[]> {
  const errors: Error[] = [];
  await Promise.all(
    clients.map(async (client) => {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < keys.length) await client.request(keys[next++]!).catch((error: Error) => void errors.push(error));
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    }),
  );
  return errors;
}

describe('flood over TCP (real nodes)', function () {
  // A hang guard: a loaded machine takes longer, and nothing here depends on how long.
  this.timeout(180_000);
  const defer = useTeardown();
  const started = useStartedNodes(defer);

  it('refuses a peer flooding at 8,000 requests/s beyond its budget while two honest peers fetch every block', async () => {
    const [target, ...clients] = [await started(), await started(), await started()] as const;
    const chks = Array.from({ length: BLOCKS }, (_, index) => encodeChk(new TextEncoder().encode(`flood tcp ${index}`)));
    for (const { routingKey, block } of chks) await target.store.put(routingKey, block, { partition: 'store' });
    for (const client of clients) await client.transport.dial(target.transport.addresses[0]!);
    await until(() => target.node.peers.size === 2, 'the client links');
    const keys = chks.map(({ routingKey }) => routingKey);

    // The budget refills on the wall clock: whatever the target admitted, it admitted within this time.
    const floodStartedAt = performance.now();
    const flooder = await startFloodPeer({ address: target.transport.addresses[0]!, difficulty: DIFFICULTY, perSecond: FLOOD_PER_SECOND });
    defer(() => flooder.terminate());
    await until(() => target.node.peers.size === 3, 'the flooder link');
    const sampler = sampleTarget(target.node, flooder.peerId);
    // The honest peers fetch while the flood is being refused.
    await until(() => flooder.progress.rejectedOverload > 0 || flooder.progress.disconnected, 'the first RejectedOverload');
    const honestErrors = await fetchEvery(
      clients.map(({ node }) => node),
      keys,
    );
    await until(() => flooder.progress.rejectedOverload >= REFUSALS || flooder.progress.disconnected, `${REFUSALS} RejectedOverload`);
    const { maxActive, maxFlooderRoutes } = sampler.stop();
    const flood = await flooder.stop();
    const allowance = BURST + (RATE_PER_SECOND * (performance.now() - floodStartedAt)) / 1000;
    console.log(
      `      flooder: ${flood.sent} requests sent, ${flood.rejectedOverload} RejectedOverload, ${flood.otherReplies} other replies` +
        `${flood.disconnected ? ', then disconnected' : ''} ` +
        `(allowance ${Math.round(allowance)}); target: at most ${maxActive} routes, ${maxFlooderRoutes} of them the flooder's (share ${SHARE})`,
    );

    assert.deepEqual(
      honestErrors.map((error) => error.message),
      [],
      'every honest fetch succeeded',
    );
    assert.ok(
      clients.every(({ node }) => node.peers.size === 1),
      'the honest peers stayed connected',
    );
    assert.ok(flood.rejectedOverload > 0 || flood.disconnected, 'the flood was neither refused nor cut off');
    // A flooder the target keeps is answered for every request; one it disconnects loses what was in flight.
    if (!flood.disconnected) assert.equal(flood.rejectedOverload + flood.otherReplies, flood.sent, 'every flood request was answered');
    assert.ok(flood.otherReplies <= allowance, `the target admitted ${flood.otherReplies} flood requests, beyond the budget's ${Math.round(allowance)}`);
    assert.ok(maxFlooderRoutes <= SHARE, `the flooder held ${maxFlooderRoutes} routes, beyond its share of ${SHARE}`);
    assert.ok(maxActive <= MAX_ACTIVE, `${maxActive} routes in flight`);
  });
});
