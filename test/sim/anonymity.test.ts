import assert from 'node:assert/strict';
import { HTL_POLICY_V1, HTL_POLICY_V2 } from '../../node/htl.js';
import type { OperationKind } from '../../sim/anonymity.js';
import { type DesignResult, runDesign } from '../../sim/scenarios/anonymity.js';

const OPTIONS = { nodes: 300, requests: 1_500, seed: 'anonymity-test' } as const;
const KINDS: readonly OperationKind[] = ['request', 'insert'];

/** Every worst case of a run, by kind and colluding share, as "request, share 0: 0.336 (HTL 18 …)". */
function worstCases(result: DesignResult): { readonly value: number; readonly text: string }[] {
  return result.anonymity.flatMap((figures, share) =>
    KINDS.map((kind) => {
      const { worst } = figures[kind];
      return { value: worst.value, text: `${kind}, colluding share #${share}: ${worst.value.toFixed(3)} (${worst.observation}, ${worst.samples})` };
    }),
  );
}

/** Every worst case at most 1/2, with observations enough to judge, and requests still succeeding. */
function assertProbableInnocence(result: DesignResult): void {
  for (const { value, text } of worstCases(result)) assert.ok(value <= 0.5, text);
  assert.ok(result.anonymity[0]!.request.groups > 0 && result.anonymity[0]!.insert.groups > 0, 'observations with enough samples to judge');
  assert.ok(result.requests.successRate >= 0.98, `success ${result.requests.successRate}`);
}

describe('scenario anonymity (300 nodes, seeded)', function () {
  this.timeout(600_000);

  it('design v2 keeps P(originator | observation) at most 1/2 for every observation, requests and inserts, with and without colluders', async () => {
    assertProbableInnocence(await runDesign(OPTIONS, { name: 'v2', label: 'v2', policy: HTL_POLICY_V2 }));
  });

  it('design v2 keeps it at most 1/2 on a grown opennet too, whose links path folding shaped', async () => {
    assertProbableInnocence(await runDesign(OPTIONS, { name: 'v2', label: 'v2', policy: HTL_POLICY_V2 }, 'grown opennet'));
  });

  it('measures design v1 above 1/2: the bound above is one a design can fail', async () => {
    const result = await runDesign(OPTIONS, { name: 'v1', label: 'v1', policy: HTL_POLICY_V1 });
    assert.ok(
      worstCases(result).some(({ value }) => value > 0.5),
      worstCases(result)
        .map(({ text }) => text)
        .join('; '),
    );
  });
});
