import assert from 'node:assert/strict';
import { mintIdentity } from '../../../../../protocol/identity-mint.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import { silentLogger } from '../../../../../node/components.js';
import { useSimulatedNetworks } from '../../../../support/simulated-networks.js';
import { useTeardown } from '../../../../support/teardown.js';
import { until } from '../../../../support/until.js';
import { idealLocations } from '../../../../../sim/topology.js';
import { call, type Answer, errorOf } from './support.js';

/** The API on a virtual clock that only the test moves: a refused call is answered when the test lets its delay pass. */
describe('node/app/api refusal tarpit', () => {
  const defer = useTeardown();
  const simulate = useSimulatedNetworks(defer);

  async function startApi(): Promise<{ api: ApiServer; advance: (ms: number) => Promise<number> }> {
    const sim = await simulate({ seed: 'tarpit', locations: idealLocations(1), edges: [] });
    const { node, store } = sim.nodes[0]!;
    const identity = await mintIdentity({ difficulty: 4, workers: 0 });
    const api = new ApiServer(
      { node, store, identity, operations: new CountingOperations(node), clock: sim.clock, logger: silentLogger, addresses: () => [] },
      { token: 'ab'.repeat(32), port: 0, refusals: { delayMs: 1_000, maxWaiting: 2 } },
    );
    await api.start();
    defer(() => api.stop());
    return { api, advance: (ms) => sim.clock.advance(ms) };
  }

  it('answers a refused call only once its delay has passed, while calls with the token are answered at once', async () => {
    const { api, advance } = await startApi();
    const settled: Answer[] = [];
    const refused = [call(api.port, 'GET', '/v1/status', { authorization: '' }), call(api.port, 'GET', '/v1/status', { origin: 'https://evil.example' })];
    for (const answer of refused) void answer.then((it) => settled.push(it));
    await until(() => api.refusalsWaiting === 2, 'both refusals held');
    assert.equal((await call(api.port, 'GET', '/v1/status')).status, 200, 'the token holder is not held');
    assert.equal(settled.length, 0, 'no refusal answered before its delay');
    await advance(999);
    assert.equal(api.refusalsWaiting, 2);
    await advance(1);
    const answers = await Promise.all(refused);
    assert.deepEqual(
      answers.map((answer) => [answer.status, errorOf(answer).code]),
      [
        [401, 'ERR_UNAUTHORIZED'],
        [403, 'ERR_FORBIDDEN'],
      ],
    );
    assert.equal(api.refusalsWaiting, 0);
  });

  it('closes the connection of a refused call unanswered when the most refusals allowed are waiting', async () => {
    const { api, advance } = await startApi();
    const held = [1, 2].map(() => call(api.port, 'GET', '/v1/status', { authorization: '' }));
    await until(() => api.refusalsWaiting === 2, 'two refusals held');
    await assert.rejects(call(api.port, 'GET', '/v1/status', { host: 'evil.example' }), /socket hang up|ECONNRESET/);
    assert.equal(api.refusalsWaiting, 2, 'the closed call did not wait');
    await advance(1_000);
    assert.deepEqual(
      (await Promise.all(held)).map((answer) => answer.status),
      [401, 401],
    );
  });

  it('cancels waiting refusals when the API stops', async () => {
    const { api } = await startApi();
    const held = call(api.port, 'GET', '/v1/status', { authorization: '' });
    await until(() => api.refusalsWaiting === 1, 'the refusal held');
    await api.stop();
    await assert.rejects(held, /socket hang up|ECONNRESET/);
    assert.equal(api.refusalsWaiting, 0);
  });
});
