import assert from 'node:assert/strict';
import '../../../node/polyfills.js';

interface WithResolvers {
  withResolvers<T>(): { promise: Promise<T>; resolve(value: T): void; reject(reason: unknown): void };
}

describe('polyfills', () => {
  it('Promise.withResolvers hands out a promise with its resolve and reject', async () => {
    const promise = Promise as unknown as WithResolvers;
    const resolved = promise.withResolvers<number>();
    resolved.resolve(7);
    assert.equal(await resolved.promise, 7);
    const rejected = promise.withResolvers<number>();
    rejected.reject(new Error('no'));
    await assert.rejects(rejected.promise, /no/);
  });
});
