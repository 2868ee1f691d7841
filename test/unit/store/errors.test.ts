import assert from 'node:assert/strict';
import { StoreClosedError, StoreFormatError, StoreFullError, StoreWriteError, writeFailure } from '../../../store/errors.js';

describe('store/errors', () => {
  it('gives every error a stable name and code', () => {
    const errors = [new StoreFullError(), new StoreWriteError('x'), new StoreFormatError('x'), new StoreClosedError()];
    assert.deepEqual(
      errors.map(({ name, code }) => [name, code]),
      [
        ['StoreFullError', 'ERR_STORE_FULL'],
        ['StoreWriteError', 'ERR_STORE_WRITE'],
        ['StoreFormatError', 'ERR_STORE_FORMAT'],
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
});
