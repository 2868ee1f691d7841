import assert from 'node:assert/strict';
import { TooManyWatchersError } from '../../../../../node/app/api/errors.js';
import { MAX_WATCHERS, type TransferEvent, Transfers } from '../../../../../node/app/api/transfers.js';
import { silentLogger } from '../../../../../node/components.js';
import { DataNotFoundError } from '../../../../../node/errors.js';
import { VirtualClock } from '../../../../../sim/clock.js';

/** Each event as `type blocksDone/blocksTotal bytesDone` (and the error code of a failure). */
function summary(event: TransferEvent): string {
  const { blocksDone, blocksTotal, bytesDone } = event.transfer;
  return `${event.type} ${blocksDone}/${blocksTotal} ${bytesDone}${event.type === 'failed' ? ` ${event.error.code}` : ''}`;
}

describe('node/app/api/transfers', () => {
  let transfers: Transfers;

  beforeEach(() => {
    transfers = new Transfers({ clock: new VirtualClock(), logger: silentLogger });
  });

  it('tells a watcher that came first every change of the transfer, in order, then done', () => {
    const heard: string[] = [];
    transfers.watch('t-1', (event) => heard.push(summary(event)));
    const transfer = transfers.begin('fetch', 'CHK@…', 't-1');
    transfer.expect({ blocks: 2, bytes: 10 });
    transfer.block();
    transfer.bytes(4);
    transfer.block();
    transfer.bytes(6);
    transfer.end();
    transfer.end(new Error('too late: only the first end counts'));
    assert.deepEqual(heard, ['progress 0/0 0', 'progress 0/2 0', 'progress 1/2 0', 'progress 1/2 4', 'progress 2/2 4', 'progress 2/2 10', 'done 2/2 10']);
    assert.deepEqual(transfers.snapshot(), []);
  });

  it("starts a later watcher from the transfer's state now, and ends a failed one with the error's code", () => {
    const transfer = transfers.begin('insert', 'a.bin', 't-2');
    transfer.block();
    const heard: string[] = [];
    transfers.watch('t-2', (event) => heard.push(summary(event)));
    transfer.end(new DataNotFoundError(18));
    assert.deepEqual(heard, ['progress 1/0 0', 'failed 1/0 0 ERR_DATA_NOT_FOUND']);
  });

  it("carries a fetch's healing counts, and tells nothing of a transfer after its end, not even to a later one of its id", () => {
    const heard: TransferEvent[] = [];
    transfers.watch('t-h', (event) => heard.push(event));
    const failed = transfers.begin('fetch', 'CHK@…', 't-h');
    const counts = { rebuilt: 2, inserted: 0, failed: 0, dropped: 0, mismatched: 0, pending: 2 };
    failed.healing(counts);
    failed.end(new DataNotFoundError(18));
    const next = transfers.begin('fetch', 'CHK@…', 't-h');
    failed.healing({ ...counts, inserted: 2, pending: 0 });
    next.end();
    assert.deepEqual(
      heard.map((event) => `${event.type} ${JSON.stringify(event.transfer.healing)}`),
      ['progress undefined', `progress ${JSON.stringify(counts)}`, `failed ${JSON.stringify(counts)}`, 'progress undefined', 'done undefined'],
    );
  });

  it('stops telling a watcher that unwatched, and bounds the watchers', () => {
    const heard: string[] = [];
    const unwatch = transfers.watch('t-3', (event) => heard.push(event.type));
    const transfer = transfers.begin('insert', '', 't-3');
    unwatch();
    unwatch();
    transfer.block();
    assert.deepEqual(heard, ['progress']);
    assert.equal(transfers.watching, 0);
    const unwatchAll = Array.from({ length: MAX_WATCHERS }, (_, index) => transfers.watch(`w-${index}`, () => undefined));
    assert.throws(() => transfers.watch('one-more', () => undefined), TooManyWatchersError);
    for (const stop of unwatchAll) stop();
    assert.equal(transfers.watching, 0);
  });

  it('refuses an id that is not 1 to 64 letters, digits, - or _', () => {
    assert.throws(() => transfers.watch('a/b', () => undefined), /a transfer id is 1 to 64/);
    assert.throws(() => transfers.begin('fetch', '', 'x'.repeat(65)), /a transfer id is 1 to 64/);
  });
});
