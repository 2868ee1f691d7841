import assert from 'node:assert/strict';
import { Attempt } from '../../../../node/net/attempt.js';
import { HandshakeError } from '../../../../node/net/errors.js';
import { ManualClock } from '../../../support/manual-clock.js';

describe('Attempt', () => {
  it('aborts with a HandshakeError when its deadline passes', () => {
    const clock = new ManualClock();
    const attempt = new Attempt(clock, 500);
    clock.advance(499);
    assert.equal(attempt.signal.aborted, false);
    clock.advance(1);
    assert.ok(attempt.signal.reason instanceof HandshakeError);
    assert.match(attempt.signal.reason.message, /no verified Hello within 500 ms/);
  });

  it("aborts with the caller's reason when the caller's signal fires", () => {
    const caller = new AbortController();
    const attempt = new Attempt(new ManualClock(), 500, caller.signal);
    const reason = new Error('changed my mind');
    caller.abort(reason);
    assert.equal(attempt.signal.reason, reason);
  });

  it('end leaves no timer and no listener behind', () => {
    const clock = new ManualClock();
    const caller = new AbortController();
    const attempt = new Attempt(clock, 500, caller.signal);
    attempt.end();
    assert.equal(clock.pending, 0);
    caller.abort();
    assert.equal(attempt.signal.aborted, false);
  });

  it('failure is the abort reason once aborted, else a HandshakeError naming the step and its cause', () => {
    const attempt = new Attempt(new ManualClock(), 500);
    const cause = new Error('ECONNREFUSED');
    const failure = attempt.failure(cause, 'could not connect');
    assert.ok(failure instanceof HandshakeError);
    assert.equal(failure.message, 'could not connect: ECONNREFUSED');
    assert.equal(failure.cause, cause);
    const reason = new Error('stopped');
    attempt.abort(reason);
    assert.equal(attempt.failure(cause, 'could not connect'), reason);
  });

  it('race settles like the promise, unless the attempt is aborted first', async () => {
    const attempt = new Attempt(new ManualClock(), 500);
    assert.equal(await attempt.race(Promise.resolve(7)), 7);
    const reason = new Error('stop');
    const pending = attempt.race(new Promise<number>(() => undefined));
    attempt.abort(reason);
    await assert.rejects(pending, (error) => error === reason);
    await assert.rejects(attempt.race(Promise.resolve(8)), (error) => error === reason);
  });
});
