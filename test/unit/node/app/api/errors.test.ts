import assert from 'node:assert/strict';
import { InvalidBlockError } from '../../../../../protocol/errors.js';
import { StoreFullError } from '../../../../../store/errors.js';
import { DirectoryLimitError, InvalidMimeError, InvalidPathError } from '../../../../../node/client/errors.js';
import { BadRequestError, ForbiddenRequestError, httpErrorOf, PayloadTooLargeError, UnauthorizedError } from '../../../../../node/app/api/errors.js';
import {
  DataNotFoundError,
  InsertCollisionError,
  NodeStoppedError,
  OverloadedError,
  RequestTimeoutError,
  RouteNotFoundError,
} from '../../../../../node/errors.js';

describe('node/app/api/errors', () => {
  it('maps every typed error to one status, keeping its code and message', () => {
    const cases: [Error, number][] = [
      [new BadRequestError('bad'), 400],
      [new InvalidBlockError('CHK block must be 32768 bytes'), 400],
      [new UnauthorizedError(), 401],
      [new ForbiddenRequestError('no'), 403],
      [new DataNotFoundError(18), 404],
      [new InsertCollisionError(new Uint8Array(1)), 409],
      [new PayloadTooLargeError(32_768), 413],
      [new InvalidPathError('../x', "'..' is reserved"), 400],
      [new InvalidMimeError('bad type'), 400],
      [new DirectoryLimitError('MAX_DEPTH', 'too deep'), 422],
      [new RouteNotFoundError(5), 502],
      [new OverloadedError(), 503],
      [new NodeStoppedError(), 503],
      [new RequestTimeoutError(76_000), 504],
      [new StoreFullError(), 507],
    ];
    for (const [error, status] of cases) {
      assert.deepEqual(httpErrorOf(error), { status, code: (error as Error & { code: string }).code, message: error.message }, error.name);
    }
  });

  it('answers 500 without details for anything else', () => {
    assert.deepEqual(httpErrorOf(new Error('/secret/path exploded')), { status: 500, code: 'ERR_INTERNAL', message: "internal error: see the node's log" });
    assert.equal(httpErrorOf('thrown text').status, 500);
  });
});
