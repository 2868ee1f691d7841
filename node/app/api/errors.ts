/**
 * The local API's refusals, and the one mapping from any error to an HTTP answer
 * (`httpErrorOf`): status, stable code and a message a person can act on.
 */
import {
  DecryptionError,
  InvalidBlockError,
  InvalidIdentityError,
  InvalidNodeRefError,
  InvalidUriError,
  RequestUriForInsertError,
  WarrenError,
} from '../../../protocol/errors.js';
import { StoreFullError } from '../../../store/errors.js';
import {
  ContentHashMismatchError,
  DirectoryLimitError,
  EditionNotFoundError,
  InvalidManifestError,
  InvalidMimeError,
  InvalidPathError,
  MissingBlocksError,
  PathNotFoundError,
  WrongKindError,
} from '../../client/errors.js';
import {
  DataNotFoundError,
  InsertCollisionError,
  NodeStoppedError,
  OverloadedError,
  RequestTimeoutError,
  RouteNotFoundError,
  TooManyFriendsError,
} from '../../errors.js';

/** A request the API refuses before doing anything; `status` is its HTTP status. */
export abstract class ApiRequestError extends WarrenError {
  abstract readonly status: number;
}

export class UnauthorizedError extends ApiRequestError {
  readonly code = 'ERR_UNAUTHORIZED';
  readonly status = 401;
  constructor(options?: ErrorOptions) {
    super('missing or wrong API token: send "Authorization: Bearer <token>" with the token from the data directory\'s api-token file', options);
  }
}

/** Browser requests (any Origin header) and requests for another host name (DNS rebinding). */
export class ForbiddenRequestError extends ApiRequestError {
  readonly code = 'ERR_FORBIDDEN';
  readonly status = 403;
}

export class BadRequestError extends ApiRequestError {
  readonly code = 'ERR_BAD_REQUEST';
  readonly status = 400;
}

export class UnknownEndpointError extends ApiRequestError {
  readonly code = 'ERR_UNKNOWN_ENDPOINT';
  readonly status = 404;
}

export class MethodNotAllowedError extends ApiRequestError {
  readonly code = 'ERR_METHOD_NOT_ALLOWED';
  readonly status = 405;
}

export class PayloadTooLargeError extends ApiRequestError {
  readonly code = 'ERR_PAYLOAD_TOO_LARGE';
  readonly status = 413;
  constructor(
    readonly limit: number,
    options?: ErrorOptions,
  ) {
    super(`the request body is larger than ${limit} bytes`, options);
  }
}

/** A `Range` that starts past the end of the file. */
export class RangeNotSatisfiableError extends ApiRequestError {
  readonly code = 'ERR_RANGE_NOT_SATISFIABLE';
  readonly status = 416;
  constructor(
    readonly size: number,
    options?: ErrorOptions,
  ) {
    super(`the range asked for is outside the file's ${size} bytes`, options);
  }
}

/** More event streams than the API keeps open at once (`GET /v1/transfers/{id}/events`). */
export class TooManyWatchersError extends ApiRequestError {
  readonly code = 'ERR_TOO_MANY_WATCHERS';
  readonly status = 503;
  constructor(
    readonly limit: number,
    options?: ErrorOptions,
  ) {
    super(`${limit} transfer event streams are open already: close one, or try again later`, options);
  }
}

/** A friend added through an API that serves no friend list (spec/node.md §3; a daemon's always has one). */
export class NoFriendListError extends ApiRequestError {
  readonly code = 'ERR_NO_FRIEND_LIST';
  readonly status = 409;
  constructor(options?: ErrorOptions) {
    super('this API serves no friend list: friends are added to a running node (warren node)', options);
  }
}

/** The client closed its connection before the answer was complete: what ends its operation (499, as nginx names it). */
export class ClientGoneError extends ApiRequestError {
  readonly code = 'ERR_CLIENT_GONE';
  readonly status = 499;
  constructor(options?: ErrorOptions) {
    super('the client closed the connection', options);
  }
}

export interface HttpError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const STATUS_OF: ReadonlyArray<readonly [new (...args: never[]) => WarrenError, number]> = [
  [InvalidBlockError, 400],
  [InvalidNodeRefError, 400],
  [InvalidIdentityError, 400],
  [TooManyFriendsError, 409],
  [InvalidUriError, 400],
  [RequestUriForInsertError, 400],
  [WrongKindError, 400],
  [InvalidPathError, 400],
  [InvalidMimeError, 400],
  [DataNotFoundError, 404],
  [MissingBlocksError, 404],
  [PathNotFoundError, 404],
  [EditionNotFoundError, 404],
  [InsertCollisionError, 409],
  [DirectoryLimitError, 422],
  [RouteNotFoundError, 502],
  [InvalidManifestError, 502],
  [ContentHashMismatchError, 502],
  [DecryptionError, 502],
  [OverloadedError, 503],
  [NodeStoppedError, 503],
  [RequestTimeoutError, 504],
  [StoreFullError, 507],
];

/** A segment's missing blocks say why the last one failed (not found after N hops, overloaded…). */
function messageOf(error: WarrenError): string {
  const cause = error instanceof MissingBlocksError && error.cause instanceof WarrenError ? error.cause : undefined;
  return cause === undefined ? error.message : `${error.message} (${cause.message})`;
}

/** The HTTP answer for any error; an unexpected one is a 500 whose details stay in the log. */
export function httpErrorOf(error: unknown): HttpError {
  if (error instanceof ApiRequestError) return { status: error.status, code: error.code, message: error.message };
  for (const [type, status] of STATUS_OF) {
    if (error instanceof type) return { status, code: error.code, message: messageOf(error) };
  }
  return { status: 500, code: 'ERR_INTERNAL', message: "internal error: see the node's log" };
}
