import assert from 'node:assert/strict';
import { InvalidUriError, RequestUriForInsertError } from '../../../../../protocol/errors.js';
import { ApiCallError } from '../../../../../node/app/api/client.js';
import { ExpansionRefusedError, UsageError } from '../../../../../node/app/cli/errors.js';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_NOT_FOUND, exitCodeOf } from '../../../../../node/app/cli/exit-codes.js';
import { DataNotFoundError } from '../../../../../node/errors.js';

describe('node/app/cli/exit-codes', () => {
  it("maps bad input to 2, not found to 3 and anything else to 1, from the error's code wherever it was raised", () => {
    const api = (code: string): ApiCallError => new ApiCallError(code, 'from the node', 400);
    for (const error of [
      new UsageError('bad'),
      new InvalidUriError('bad'),
      new RequestUriForInsertError(),
      api('ERR_BAD_REQUEST'),
      api('ERR_WRONG_KIND'),
      api('ERR_INVALID_PATH'),
      api('ERR_INVALID_MIME'),
      new ExpansionRefusedError('give --yes'),
    ]) {
      assert.equal(exitCodeOf(error), EXIT_INVALID_INPUT, error.code);
    }
    for (const error of [
      new DataNotFoundError(18),
      api('ERR_DATA_NOT_FOUND'),
      api('ERR_ROUTE_NOT_FOUND'),
      api('ERR_MISSING_BLOCKS'),
      api('ERR_EDITION_NOT_FOUND'),
      api('ERR_PATH_NOT_FOUND'),
    ]) {
      assert.equal(exitCodeOf(error), EXIT_NOT_FOUND, error.code);
    }
    for (const error of [
      api('ERR_API_UNREACHABLE'),
      api('ERR_OVERLOADED'),
      api('ERR_INSERT_COLLISION'),
      api('ERR_DIRECTORY_LIMIT'),
      new Error('plain'),
      undefined,
    ]) {
      assert.equal(exitCodeOf(error), EXIT_FAILURE);
    }
  });
});
