import assert from 'node:assert/strict';
import { openFailure, StoreClosedError, StoreFormatError, StoreFullError, StoreOpenError, StoreWriteError, writeFailure } from '../../../store/errors.js';

describe('store/errors', () => {
  it('gives every error a stable name and code', () => {
    const errors = [new StoreFullError(), new StoreWriteError('x'), new StoreFormatError('x'), new StoreOpenError('x'), new StoreClosedError()];
    assert.deepEqual(
      errors.map(({ name, code }) => [name, code]),
      [
        ['StoreFullError', 'ERR_STORE_FULL'],
        ['StoreWriteError', 'ERR_STORE_WRITE'],
        ['StoreFormatError', 'ERR_STORE_FORMAT'],
        ['StoreOpenError', 'ERR_STORE_OPEN'],
        ['StoreClosedError', 'ERR_STORE_CLOSED'],
      ],
    );
  });

  it('maps a full device to StoreFullError, wherever it shows in the cause chain', () => {
    const byCode = Object.assign(new Error('write failed'), { code: 'ENOSPC' });
    const byMessage = new Error('IO error: While appending to file: 000004.log: No space left on device');
    const nested = new Error('Batch was not applied', { cause: byCode });
    for (const cause of [byCode, byMessage, nested]) {
      const error = writeFailure(cause);
      assert.ok(error instanceof StoreFullError);
      assert.equal(error.cause, cause);
    }
  });

  it('maps other failures to StoreWriteError and keeps typed errors as they are', () => {
    const error = writeFailure(new Error('IO error: Input/output error'));
    assert.ok(error instanceof StoreWriteError);
    assert.match(error.message, /could not write: IO error: Input\/output error/);
    assert.equal(writeFailure(error), error);
    assert.ok(writeFailure('odd') instanceof StoreWriteError);
  });

  it('names the path and the reason when a database does not open', () => {
    const error = openFailure('/var/warren/store', new Error('IO error: lock /var/warren/store/LOCK: Resource temporarily unavailable'));
    assert.ok(error instanceof StoreOpenError);
    assert.equal(error.message, 'cannot open the block store at /var/warren/store: IO error: lock /var/warren/store/LOCK: Resource temporarily unavailable');
    assert.ok(openFailure('/x', Object.assign(new Error('full'), { code: 'ENOSPC' })) instanceof StoreFullError);
  });
});
