/**
 * Teardown that runs whether a test passed or failed: what a test (or a `before` hook) builds,
 * it registers here at once, and mocha's `afterEach` (or `after`) hook undoes it, last first.
 *
 *   describe ──useTeardown('each')──> defer(fn) in a test ──afterEach──> fn()
 *   describe ──useTeardown('all')───> defer(fn) in before ──after──────> fn()
 */

export type Defer = (undo: () => unknown) => void;

/**
 * Call at describe level. `each`: what a test defers is undone after that test; `all`: what a
 * `before` hook or a test defers is undone after the last test of the block. Every undo runs even
 * when an earlier one throws; the first error is rethrown once all have run.
 */
export function useTeardown(scope: 'each' | 'all' = 'each'): Defer {
  const undos: Array<() => unknown> = [];
  const hook = scope === 'each' ? afterEach : after;
  hook(async () => {
    const errors: unknown[] = [];
    for (let undo = undos.pop(); undo !== undefined; undo = undos.pop())
      await Promise.resolve()
        .then(undo)
        .catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  });
  return (undo) => void undos.push(undo);
}
